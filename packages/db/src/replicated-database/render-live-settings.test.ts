import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderLiveSettings } from './render-live-settings';
import { renderDynamicSettingsSql, ServerConf } from './render-server-conf';

const conf: ServerConf = {
  series: '10.11',
  role: 'replica',
  serverId: 3323068448,
  bindAddress: '198.18.0.32',
  port: 3306,
  reportHost: 'db2',
  semiSync: true,
  semiSyncTimeoutMs: 5000,
  binlogRetentionDays: 7,
};

/** The statements the script sends to a stand-in `mariadb` whose SHOW SLAVE STATUS prints $SLAVE_STATUS. */
function statements(slaveStatus: string): string[] {
  const bin = mkdtempSync(join(tmpdir(), 'fake-mariadb-'));
  const fake = [
    '#!/bin/bash',
    `printf '%s\\0' "\${@: -1}" >> ${bin}/sql`,
    `[ "\${@: -1}" = 'SHOW SLAVE STATUS' ] && printf '%s' "$SLAVE_STATUS"`,
    'exit 0',
    '',
  ];
  writeFileSync(join(bin, 'mariadb'), fake.join('\n'));
  chmodSync(join(bin, 'mariadb'), 0o755);
  const result = spawnSync('bash', ['-c', renderLiveSettings(conf)], {
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, SLAVE_STATUS: slaveStatus },
    encoding: 'utf8',
  });
  expect(result.status).toBe(0);
  return readFileSync(join(bin, 'sql'), 'utf8').split('\0').slice(0, -1);
}

describe('renderLiveSettings', () => {
  it('sets the dynamic settings, and restarts the I/O thread of a server that replicates', () => {
    expect(statements('Waiting for master')).toEqual([renderDynamicSettingsSql(conf), 'SHOW SLAVE STATUS', 'STOP SLAVE IO_THREAD; START SLAVE IO_THREAD']);
  });

  it('leaves a server that does not replicate alone', () => {
    expect(statements('')).toEqual([renderDynamicSettingsSql(conf), 'SHOW SLAVE STATUS']);
  });
});
