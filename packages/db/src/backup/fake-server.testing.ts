import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Stand-ins for the MariaDB programs the job scripts call, so that the scripts' own logic (pipes,
 * status, retention, comparison) runs for real on any machine. Each records its arguments in `argv`.
 * The live server answers checksums with $SOURCE_CHECKSUM, the scratch one with $RESTORED_CHECKSUM;
 * mariabackup --backup exits $BACKUP_EXIT.
 */
export function fakeServerBin(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fake-mariadb-'));
  const write = (name: string, lines: string[]) => {
    writeFileSync(join(dir, name), ['#!/bin/bash', `printf '%s\\n' "$0 $*" >> ${dir}/argv`, ...lines, ''].join('\n'));
    chmodSync(join(dir, name), 0o755);
  };
  write('mariadb', [
    'case "$*" in',
    '  *"SELECT @@GLOBAL.gtid"*) echo "0-3323068447-42"; exit 0 ;;',
    '  *"SLAVE SQL_THREAD"*) exit 0 ;;',
    "  *\"SELECT CONCAT('CHECKSUM TABLE\"*) printf '%s\\n' 'CHECKSUM TABLE `shop`.`orders`;' 'CHECKSUM TABLE `shop`.`items`;'; exit 0 ;;",
    'esac',
    'checksum="$SOURCE_CHECKSUM"; [[ "$*" == *--socket=* ]] && checksum="$RESTORED_CHECKSUM"',
    'while IFS= read -r statement; do',
    '  case "$statement" in *orders*) printf "shop.orders\\t%s\\n" "$checksum" ;; *items*) printf "shop.items\\t7\\n" ;; esac',
    'done',
  ]);
  write('mariabackup', ['if [[ "$*" == *--backup* ]]; then echo "xbstream of the data"; echo "copying" >&2; exit "${BACKUP_EXIT:-0}"; fi', 'exit 0']);
  write('mbstream', ['cat > "$3/unpacked"']);
  write('mariadb-admin', ['[[ "$*" == *ping* ]]']);
  write('mariadbd', ['exec sleep 30']);
  return dir;
}

export function runJob(script: string, bin: string, env: Record<string, string> = {}): { code: number; stdout: string; stderr: string } {
  const result = spawnSync('bash', ['-c', `set -euo pipefail\n${script}`], {
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, SOURCE_CHECKSUM: '1234', RESTORED_CHECKSUM: '1234', ...env },
    encoding: 'utf8',
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
