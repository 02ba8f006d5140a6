import { defineHost } from '@hastack/host';
import { validateWebServerArgs, WebServerArgs } from './web-server-args';

const host = defineHost({ name: 'web1', address: '198.18.0.21', os: 'debian-12', privateKey: 'k' });
const database = { primaryAddress: '198.18.0.31', replicaAddresses: ['198.18.0.32'], port: 3306, database: 'app', user: 'app', password: 'pw' };
const valid: WebServerArgs = { host, database, apacheSettings: ['php_admin_value memory_limit 256M'] };

describe('validateWebServerArgs', () => {
  it('accepts a web server with or without a database', () => {
    expect(validateWebServerArgs(valid)).toEqual([]);
    expect(validateWebServerArgs({ host })).toEqual([]);
  });

  it.each([0, 65536, 3306.5])('names a database port of %s', (port) => {
    expect(validateWebServerArgs({ ...valid, database: { ...database, port } })).toEqual([`database.port: ${port} is not a TCP port`]);
  });

  it('names each Apache setting that spans lines', () => {
    expect(validateWebServerArgs({ ...valid, apacheSettings: ['ServerAdmin a@b', 'php_value a 1\nListen 8080', 'x\r'] })).toEqual([
      'apacheSettings[1]: "php_value a 1\\nListen 8080" spans lines: give one directive per entry',
      'apacheSettings[2]: "x\\r" spans lines: give one directive per entry',
    ]);
  });

  it("refuses mod_php's directives on EL, which runs PHP in php-fpm", () => {
    const el9 = defineHost({ name: 'www1', address: '10.20.0.21', os: 'rocky-9', privateKey: 'k' });
    expect(validateWebServerArgs({ ...valid, host: el9 })).toEqual([
      "apacheSettings[0]: rocky-9 runs PHP in php-fpm, where Apache takes no php_admin_value: PHP's settings go in /etc/php.d",
    ]);
    expect(validateWebServerArgs({ ...valid, host: el9, apacheSettings: ['ServerAdmin ops@example.com'] })).toEqual([]);
  });
});
