import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as auto from '@pulumi/pulumi/automation';
import { validateInventory } from '@hastack/inventory';
import { labProgram } from '../program';
import { PROJECT_NAME } from './lab-stack';

// The EL side cannot be installed on the project's machines; a preview through the real engine and
// providers proves what it would run there. Preview contacts no host, so these addresses need not exist.
const dir = mkdtempSync(join(tmpdir(), 'el-preview-'));
const key = join(dir, 'id_ed25519');
writeFileSync(key, 'unused by a preview');
const host = (name: string, address: string, roles: string[]) => ({ name, roles, address, privateKeyPath: key, os: 'rocky-9', interface: 'ens192' });
const inventory = validateInventory(
  {
    environment: 'production',
    network: { cidr: '10.20.0.0/24', gateway: '10.20.0.1' },
    vip: '10.20.0.100',
    hosts: [host('lb1', '10.20.0.11', ['director']), host('lb2', '10.20.0.12', ['director']), host('www1', '10.20.0.21', ['web'])],
  },
  'el-preview',
);

describe('a Rocky Linux 9 environment', () => {
  it('previews with the EL package, service and config-test names, and runs nothing', async () => {
    const stack = await auto.LocalWorkspace.createOrSelectStack(
      { projectName: PROJECT_NAME, stackName: 'el-preview', program: labProgram(inventory) },
      {
        secretsProvider: 'passphrase',
        envVars: { PULUMI_BACKEND_URL: `file://${dir}`, PULUMI_CONFIG_PASSPHRASE: 'el-preview-it' },
        projectSettings: { name: PROJECT_NAME, runtime: 'nodejs' },
      },
    );
    const planned = new Map<string, Record<string, unknown>>();
    const preview = await stack.preview({
      onEvent: (event) => {
        const step = event.resourcePreEvent?.metadata;
        if (step?.type === 'command:remote:Command') planned.set(step.urn.split('::').pop()!, step.new?.inputs ?? {});
      },
    });
    expect(preview.changeSummary.create).toBeGreaterThan(40);
    const input = (name: string, field: string) => String(planned.get(name)?.[field]);
    expect(input('www1-web-packages-install', 'create')).toContain('dnf -y --setopt=retries=3 install');
    expect(input('www1-web-packages-install', 'create')).toContain('set -- httpd');
    expect(input('www1-web-site-write', 'create')).toContain('path=/etc/httpd/conf.d/hastack.conf');
    expect(input('www1-web-site-write', 'create')).toContain('apachectl -t');
    expect(input('www1-web-service-running', 'create')).toContain('systemctl enable httpd');
    expect(input('lvs-lb1-keepalived-conf-write', 'stdin')).toContain('interface ens192');
    await stack.workspace.removeStack('el-preview');
  });
});
