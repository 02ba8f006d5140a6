import * as pulumi from '@pulumi/pulumi';
import { recordResources, settle, valueOf, withoutCreating } from '@hastack/host/testing';
import { defineHost } from '@hastack/host';
import { NrpeAgent } from './nrpe-agent';

const recorded = recordResources();
const host = defineHost({ name: 'db1', address: '198.18.0.31', os: 'debian-12', privateKey: 'k' });

function stdinText(name: string): string {
  return String(recorded.find((r) => r.name === name)?.inputs.stdin);
}

describe('NrpeAgent', () => {
  it('throws every argument problem before creating anything', () => {
    expect(withoutCreating(recorded, () => new NrpeAgent('bad', { host, listenAddress: '0.0.0.0', monitoringAddresses: [] }))).toThrow(
      /listenAddress: "0\.0\.0\.0".*\n.*monitoringAddresses: at least one/s,
    );
  });

  it('writes one drop-in from the tier commands, addresses from other resources, and runs the agent', async () => {
    const agent = new NrpeAgent('db1-nrpe', {
      host,
      listenAddress: pulumi.output('198.18.0.31'),
      monitoringAddresses: [pulumi.output('198.18.0.51')],
      commands: [{ name: 'mariadb-up', command: pulumi.output('mysqladmin ping') }],
    });
    await valueOf(agent.configDigest);
    const [text, script] = stdinText('db1-nrpe-config-write')
      .trim()
      .split('\n')
      .map((line) => Buffer.from(line, 'base64').toString('utf8'));
    expect(text).toContain('allowed_hosts=198.18.0.51\n');
    expect(text).toContain('command[mariadb-up]=/usr/local/lib/hastack-nrpe/mariadb-up\n');
    expect(script).toContain('\nmysqladmin ping\n');
    expect(recorded.find((r) => r.name === 'db1-nrpe-config-write')?.inputs.create).toContain('/etc/nagios/nrpe.d/hastack.cfg');
    expect(agent.commandNames).toEqual(['check_disk', 'check_load', 'check_swap', 'check_total_procs', 'mariadb-up']);
    // The service registers once the drop-in's digest it depends on is known.
    await settle();
    expect(recorded.some((r) => r.name.startsWith('db1-nrpe-service') && r.type === 'command:remote:Command')).toBe(true);
  });
});
