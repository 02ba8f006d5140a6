import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderAppSettings } from '../web-server/render-app-settings';
import { repointAppDatabaseScript } from './repoint-app-database';

const settings = { port: 3306, database: 'hastack', user: 'hastack_app', password: "pa'ss\\word", sharedDir: '/srv/shared' };

describe('repointAppDatabaseScript', () => {
  it('leaves the settings file exactly as the renderer writes it for the new primary, mode kept', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'app-settings-')), 'settings.php');
    writeFileSync(file, renderAppSettings({ ...settings, primary: '198.18.0.31', replicas: ['198.18.0.32', '198.18.0.33'] }), { mode: 0o640 });
    execFileSync('bash', ['-c', repointAppDatabaseScript('198.18.0.32', ['198.18.0.33'], file)]);
    expect(readFileSync(file, 'utf8')).toBe(renderAppSettings({ ...settings, primary: '198.18.0.32', replicas: ['198.18.0.33'] }));
    expect(statSync(file).mode & 0o777).toBe(0o640);
    execFileSync('bash', ['-c', repointAppDatabaseScript('198.18.0.31', [], file)]);
    expect(readFileSync(file, 'utf8')).toBe(renderAppSettings({ ...settings, primary: '198.18.0.31', replicas: [] }));
  });

  it('refuses a file that names no database, and anything but addresses', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'app-settings-')), 'settings.php');
    writeFileSync(file, '<?php return [];\n');
    const result = spawnSync('bash', ['-c', repointAppDatabaseScript('198.18.0.32', [], file)], { encoding: 'utf8' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('names no database primary and replicas');
    expect(() => repointAppDatabaseScript("1.2.3.4'; x", [])).toThrow('is not an IPv4 address');
  });
});
