import { join } from 'node:path';
import { recordResources, runReadmeExample } from '@hastack/host/testing';

const recorded = recordResources();

it('runs the usage example the README shows', async () => {
  const registered = await runReadmeExample(join(__dirname, '../..'), recorded, join(__dirname, '../../../../apps/demo-app'));
  const commands = registered.filter((r) => r.type === 'command:remote:Command').map((r) => r.name);
  expect(commands).toEqual(expect.arrayContaining(['web1-app-switch', 'web2-app-switch', 'web1-site-write']));
});
