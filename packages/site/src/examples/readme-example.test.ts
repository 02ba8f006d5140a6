import { join } from 'node:path';
import { recordResources, runReadmeExample } from '@hastack/host/testing';

const recorded = recordResources();

it('runs the usage example the README shows', async () => {
  const registered = await runReadmeExample(join(__dirname, '../..'), recorded);
  expect(registered.map((r) => r.type)).toEqual(expect.arrayContaining(['hastack:site:Site', 'hastack:director:DirectorPair', 'hastack:web:WebServer']));
}, 60_000);
