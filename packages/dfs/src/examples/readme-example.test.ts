import { join } from 'node:path';
import { recordResources, runReadmeExample } from '@hastack/host/testing';

const recorded = recordResources();

it('runs the usage example the README shows', async () => {
  const registered = await runReadmeExample(join(__dirname, '../..'), recorded);
  expect(registered.filter((r) => r.type === 'hastack:dfs:MooseFsMount')).toHaveLength(2);
  expect(registered.filter((r) => r.type === 'command:remote:Command').length).toBeGreaterThan(10);
  // Compiling the example on first import takes a while on a busy machine.
}, 60000);
