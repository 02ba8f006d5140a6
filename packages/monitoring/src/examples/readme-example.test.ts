import { join } from 'node:path';
import { recordResources, runReadmeExample } from '@hastack/host/testing';

const recorded = recordResources();

it('runs the usage example the README shows', async () => {
  const registered = await runReadmeExample(join(__dirname, '../..'), recorded);
  expect(registered.filter((r) => r.type === 'command:remote:Command').length).toBeGreaterThan(2);
  expect(registered.map((r) => r.name)).toEqual(expect.arrayContaining(['mon1-nagios-config-write', 'mon1-nagios-sms-files-write', 'db1-nrpe-config-write']));
});
