/** What replaces a sensitive value in log lines and error messages. */
export const REDACTED = '[secret]';

// Shorter values ("1", "yes") would shred ordinary text without protecting anything worth hiding.
const MIN_REDACTED_LENGTH = 4;

/**
 * A function that masks every occurrence of the sensitive values in a text; made once per run, since
 * it is applied to every output line. Multi-line values (keys, certificates) are also masked line by
 * line, because a command often prints only part of what it was given.
 */
export function redactor(sensitive: readonly string[]): (text: string) => string {
  const needles = new Set<string>();
  for (const value of sensitive) {
    for (const candidate of [value, ...value.split('\n').map((line) => line.trim())]) {
      if (candidate.length >= MIN_REDACTED_LENGTH) needles.add(candidate);
    }
  }
  // Longest first, so that a value containing another one is masked whole.
  const ordered = [...needles].sort((a, b) => b.length - a.length);
  return (text) => ordered.reduce((masked, needle) => masked.split(needle).join(REDACTED), text);
}
