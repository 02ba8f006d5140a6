import { spawnSync } from 'node:child_process';
import { renderAppSettings } from './render-app-settings';

const settings = { primary: '198.18.0.31', replicas: ['198.18.0.32'], port: 3306, database: 'app', user: 'app', password: "p'w\\d", sharedDir: '/srv/shared' };

describe('renderAppSettings', () => {
  it('returns every setting as a PHP array, the password quoted for PHP', () => {
    const php = renderAppSettings(settings);
    expect(php.startsWith('<?php\n')).toBe(true);
    expect(php).toContain("'primary' => '198.18.0.31',");
    expect(php).toContain("'replicas' => ['198.18.0.32'],");
    expect(php).toContain("'password' => 'p\\'w\\\\d',");
    expect(php).toContain("'shared_dir' => '/srv/shared',");
  });

  it('gives null for a site without shared storage and an empty list without replicas', () => {
    const php = renderAppSettings({ ...settings, replicas: [], sharedDir: undefined });
    expect(php).toContain("'replicas' => [],");
    expect(php).toContain("'shared_dir' => null,");
  });

  const php = spawnSync('php', ['-v']).status === 0;
  (php ? it : it.skip)('reads back the same password in PHP', () => {
    const result = spawnSync('php', ['-r', 'echo (require "php://stdin")["db"]["password"];'], { input: renderAppSettings(settings), encoding: 'utf8' });
    expect(result.stdout).toBe(settings.password);
  });
});
