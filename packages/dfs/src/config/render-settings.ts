/** A MooseFS daemon config: `OPTION = VALUE` lines; the daemon reads a value up to the end of its line. */
export type Settings = readonly (readonly [option: string, value: string | number])[];

/** The first line of every file this tier renders. */
export const RENDERED_HEADER = '# Rendered by hastack (dfs tier); edits are overwritten on the next deployment.';

/**
 * Renders settings as the daemons parse them (mfscommon/cfg.c): a value may not hold a line break, and
 * a `#` would start a comment, so either is refused rather than written.
 */
export function renderSettings(settings: Settings): string {
  const lines = settings.map(([option, value]) => {
    const text = String(value);
    if (!/^[A-Z][A-Z0-9_]*$/.test(option)) throw new Error(`MooseFS config: option ${JSON.stringify(option)} is not an option name`);
    if (!/^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/.test(text) || text.includes('#'))
      // The value is not quoted: it may be a secret.
      throw new Error(`MooseFS config: the value of ${option} must be one line of printable characters without #`);
    return `${option} = ${text}`;
  });
  return [RENDERED_HEADER, ...lines, ''].join('\n');
}
