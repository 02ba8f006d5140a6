// Prints every resource the lab and production programs register, with its inputs, under Pulumi's mocks:
// no engine, no host. Two runs diffed show what a refactor changed in what reaches the hosts
// (`npx tsx tools/scripts/render-plan.ts > before.txt`, change, again, `diff`).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import * as pulumi from '@pulumi/pulumi';
import { parse } from 'yaml';
import { recordResources, RecordedResource } from '@hastack/host/testing';
import { validateInventory } from '@hastack/inventory';
import { buildInventory } from '../lab-machines/src/inventory/inventory';
import { planHosts, readTopology } from '../lab-machines/src/topology/topology';
import { labProgram } from '../../apps/lab/src/program';
import { configuredProgram } from '../../apps/production/src/production-program';

const ROOT = resolve(__dirname, '../..');

function sortedJson(value: unknown): string {
  return JSON.stringify(
    value,
    (_key, inner: unknown) =>
      inner && typeof inner === 'object' && !Array.isArray(inner)
        ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
        : inner,
    2,
  );
}

function print(label: string, resources: RecordedResource[]): void {
  const lines = resources.map((r) => `### ${label} ${r.type} ${r.name}\n${sortedJson(r.inputs)}\n`).sort((a, b) => a.localeCompare(b));
  process.stdout.write(lines.join(''));
}

async function settle(): Promise<void> {
  await sleep(500);
}

async function main(): Promise<void> {
  const recorded = recordResources();
  const dir = mkdtempSync(join(tmpdir(), 'render-plan-'));
  const privateKey = join(dir, 'id_ed25519');
  writeFileSync(privateKey, 'LAB PRIVATE KEY');
  const hosts = planHosts(readTopology(join(ROOT, 'tools/lab-machines/topology.json')));
  const inventory = validateInventory(
    buildInventory(
      hosts,
      { privateKey, smsRecords: join(dir, 'sms.jsonl') },
      (host) => `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${Buffer.from(host.name).toString('base64')}`,
    ),
    'lab',
  );
  await labProgram(inventory)();
  await settle();
  print('lab', recorded.splice(0));

  const production = parse(readFileSync(join(ROOT, 'Pulumi.production.yaml'), 'utf8')) as { config: Record<string, unknown> };
  pulumi.runtime.setAllConfig({
    'hastack:site': JSON.stringify(production.config['hastack:site']),
    'hastack:app': JSON.stringify(production.config['hastack:app']),
    'hastack:sshPrivateKey': 'PRODUCTION PRIVATE KEY',
  });
  await configuredProgram()();
  await settle();
  print('production', recorded.splice(0));
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
