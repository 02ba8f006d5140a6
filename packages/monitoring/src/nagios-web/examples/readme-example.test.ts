import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { recordResources, valueOf } from '@hastack/host/testing';
import { nagiosWebInterface } from './readme-example';

const recorded = recordResources();

it('runs the web interface example the README shows', async () => {
  const example = readFileSync(join(__dirname, 'readme-example.ts'), 'utf8');
  expect(readFileSync(join(__dirname, '../../../README.md'), 'utf8')).toContain(example.trim());

  const { nagiosWeb } = nagiosWebInterface('PRIVATE KEY');
  expect(await valueOf(nagiosWeb.url)).toBe('http://10.0.0.51/nagios/');
  const rules = recorded.find((r) => r.name === 'mon1-nagios-web-firewall-rules');
  expect(String(rules?.inputs.create)).toContain('rule family="ipv4" source address="10.0.9.0/24" port port="80" protocol="tcp" accept');
  expect(String(recorded.find((r) => r.name === 'mon1-nagios-web-config-write')?.inputs.create)).toContain('/etc/httpd/conf.d/nagios.conf');
});
