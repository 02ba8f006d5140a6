import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as pulumi from '@pulumi/pulumi';
import * as auto from '@pulumi/pulumi/automation';
import type { SiteDescription } from '@hastack/inventory';
import { testDescription, testHost } from '../test-description.testing';
import { guardSitePlan } from './guard-plan';

// Run with tsx by guard-plan.it.test.ts, outside jest: a refused program leaves promises of the SDK's stack
// unobserved, which the language server reports once and jest would take for failures of the test itself.
const backend = `file://${mkdtempSync(join(tmpdir(), 'plan-safety-backend-'))}`;

type Host = ReturnType<typeof testHost> & { discardData?: boolean };
const host = (name: string, address: string, roles: string[]): Host => testHost(name, address, roles);
const description = (hosts: Host[]): SiteDescription => testDescription(hosts);

class Part extends pulumi.ComponentResource {
  constructor(type: string, name: string, opts?: pulumi.ComponentResourceOptions) {
    super(`it:site:${type}`, name, {}, opts);
    this.registerOutputs({});
  }
}

/** Per host, named as the site names them: a top-level resource, a component with a child, a tier's resource. */
function program(current: SiteDescription) {
  return async () => {
    const layout = await guardSitePlan(current);
    for (const entry of current.hosts) {
      new Part('Facts', `${entry.name}-host-facts`);
      const agent = new Part('Agent', `${entry.name}-nrpe`);
      new Part('Config', `${entry.name}-nrpe-config`, { parent: agent });
      new Part('Data', `db-${entry.name}-data`);
    }
    return { siteLayout: layout };
  };
}

const stackWith = (hosts: Host[]) =>
  auto.LocalWorkspace.createOrSelectStack(
    { projectName: 'plan-safety', stackName: 'it', program: program(description(hosts)) },
    { envVars: { PULUMI_BACKEND_URL: backend, PULUMI_CONFIG_PASSPHRASE: 'plan-safety-test' }, secretsProvider: 'passphrase' },
  );

export const site: Host[] = [
  host('lb1', '198.18.0.11', ['director']),
  host('lb2', '198.18.0.12', ['director']),
  host('web2', '198.18.0.22', ['web']),
  host('db1', '198.18.0.31', ['db-primary']),
  host('db2', '198.18.0.32', ['db-replica']),
];
const renamed = site.map((entry) => (entry.name === 'web2' ? { ...entry, name: 'www2' } : entry));
const swapped = renamed.map((entry) =>
  entry.name === 'db1' ? { ...entry, roles: ['db-replica'] } : entry.name === 'db2' ? { ...entry, roles: ['db-primary'] } : entry,
);
const promoted = swapped.map((entry) => (entry.name === 'db1' ? { ...entry, discardData: true } : entry));

/** Each step's resource changes (or the refusal's message), and the outputs of the first deployment. */
async function scenario() {
  const up = async (hosts: Host[]) => {
    const result = await (await stackWith(hosts)).up();
    return { changes: result.summary.resourceChanges, stdout: result.stdout, outputs: result.outputs };
  };
  const first = await up(site);
  const again = await up(site);
  const rename = await up(renamed);
  const refused = await (await stackWith(swapped)).preview().then(
    () => 'the preview went through',
    (error: Error) => error.message,
  );
  const afterRefusal = await up(renamed);
  const promotion = await up(promoted);
  return {
    first: first.changes,
    layout: first.outputs.siteLayout.value,
    again: again.changes,
    rename: rename.changes,
    renameLog: rename.stdout,
    refused,
    afterRefusal: afterRefusal.changes,
    promotion: promotion.changes,
    promotionLog: promotion.stdout,
  };
}

scenario().then(
  (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
  (error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  },
);
