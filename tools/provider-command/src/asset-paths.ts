import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** `*` matches within one path segment, `**` across segments, `?` one character. */
function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i];
    if (char === '*' && glob[i + 1] === '*') {
      const followedBySlash = glob[i + 2] === '/';
      source += followedBySlash ? '(?:.*/)?' : '.*';
      i += followedBySlash ? 2 : 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/**
 * The files selected by the patterns, applied in order: a pattern adds its matches, a `!pattern`
 * removes its matches from what earlier patterns added.
 */
export function selectPaths(files: readonly string[], patterns: readonly string[]): string[] {
  const selected = new Set<string>();
  for (const pattern of patterns) {
    const exclude = pattern.startsWith('!');
    const regExp = globToRegExp(exclude ? pattern.slice(1) : pattern);
    for (const file of files) {
      if (!regExp.test(file)) continue;
      if (exclude) selected.delete(file);
      else selected.add(file);
    }
  }
  return files.filter((file) => selected.has(file));
}

/** Every regular file under `dir`, as a `/`-separated path relative to it, in a stable order. */
export async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(join(dir, prefix), { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...(await listFiles(dir, relative)));
    else if (entry.isFile()) files.push(relative);
  }
  return files;
}
