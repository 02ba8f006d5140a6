/** What replaces a sensitive value in log lines and error messages. */
export const REDACTED = '[secret]';

// Shorter values ("1", "yes") would shred ordinary text without protecting anything worth hiding.
const MIN_REDACTED_LENGTH = 4;

/**
 * Masks every occurrence of the sensitive values in `text`. Multi-line values (keys, certificates) are
 * also masked line by line, because a command often prints only part of what it was given.
 */
export function redact(text: string, sensitive: readonly string[]): string {
  const needles = new Set<string>();
  for (const value of sensitive) {
    for (const candidate of [value, ...value.split('\n').map((line) => line.trim())]) {
      if (candidate.length >= MIN_REDACTED_LENGTH) needles.add(candidate);
    }
  }
  // Longest first, so that a value containing another one is masked whole.
  return [...needles]
    .sort((a, b) => b.length - a.length)
    .reduce((masked, needle) => masked.split(needle).join(REDACTED), text);
}
