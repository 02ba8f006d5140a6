// systemd's unit-name escaping (unit_name_path_escape in src/basic/unit-name.c), so that a unit name is
// known when the program is built rather than asked of `systemd-escape` on each host.
const KEPT = /^[A-Za-z0-9:_.]$/;

function escapeByte(byte: number): string {
  return `\\x${byte.toString(16).padStart(2, '0')}`;
}

/**
 * What `systemd-escape --path PATH` prints: the path simplified (repeated slashes, "." components and
 * the trailing slash dropped), "/" becoming "-", and every byte but [A-Za-z0-9:_.] (and a leading ".")
 * as \xNN. Throws, as systemd refuses it, for a relative path or one with a ".." component.
 */
export function systemdEscapePath(path: string): string {
  if (!path.startsWith('/')) throw new Error(`"${path}" is not an absolute path`);
  const components = path.split('/').filter((component) => component !== '' && component !== '.');
  if (components.includes('..')) throw new Error(`"${path}" is not a normalized path (it has a ".." component)`);
  if (components.length === 0) return '-';
  const bytes = Buffer.from(components.join('/'), 'utf8');
  return [...bytes]
    .map((byte, index) => {
      const char = String.fromCharCode(byte);
      if (char === '/') return '-';
      if (byte < 0x80 && KEPT.test(char) && !(index === 0 && char === '.')) return char;
      return escapeByte(byte);
    })
    .join('');
}

/** The name systemd requires for the mount unit of `where` (`systemd-escape -p --suffix=mount`). */
export function mountUnitName(where: string): string {
  return `${systemdEscapePath(where)}.mount`;
}
