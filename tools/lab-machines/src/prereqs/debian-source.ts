/** The Debian release every lab host runs. */
export const DebianSuite = 'bookworm';

/**
 * The URL of the machine's own Debian archive for `suite`'s main component, read from `apt-cache policy`:
 * the lab builds from whatever archive the machine is set up to use instead of naming one of its own.
 */
export function debianArchiveUrl(aptCachePolicy: string, suite: string = DebianSuite): string | undefined {
  const lines = aptCachePolicy.split('\n');
  for (let i = 0; i < lines.length - 1; i++) {
    const source = /^\s*-?\d+\s+(\S+)\s+(\S+)\/main\s+\S+\s+Packages\s*$/.exec(lines[i]);
    const release = lines[i + 1];
    if (source && source[2] === suite && /\bo=Debian\b/.test(release) && new RegExp(`\\bn=${suite}\\b`).test(release)) {
      return source[1];
    }
  }
  return undefined;
}
