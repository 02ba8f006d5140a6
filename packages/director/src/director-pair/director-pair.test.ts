import * as pulumi from '@pulumi/pulumi';
import { recordResources, valueOf, withoutCreating } from '@hastack/host/testing';
import { defineHost } from '@hastack/host';
import { DirectorPair } from './director-pair';
import type { DirectorPairArgs } from './director-pair-args';

const recorded = recordResources();
const host = (name: string, address: string) => defineHost({ name, address, os: 'debian-12', privateKey: 'k' });

const args: DirectorPairArgs = {
  directors: [
    { host: host('director1', '198.18.0.11'), interface: 'eth0' },
    { host: host('director2', '198.18.0.12'), interface: 'eth0' },
  ],
  vips: ['198.18.0.100'],
  virtualRouterId: 51,
  services: [{ port: 80, realServers: [{ name: 'web1', address: '198.18.0.21', weight: 2 }], healthCheck: { type: 'http', path: '/health' } }],
};

function stdinOf(name: string): unknown {
  return recorded.find((r) => r.name === name)?.inputs.stdin;
}

describe('DirectorPair', () => {
  it('throws every argument problem before creating anything', () => {
    expect(withoutCreating(recorded, () => new DirectorPair('bad', { ...args, virtualRouterId: 0, vips: [] }))).toThrow(
      /vips: at least one VIP is needed\n.*virtualRouterId: 0 is outside 1\.\.255/s,
    );
  });

  it('renders a MASTER and a BACKUP config that point at each other', async () => {
    const pair = new DirectorPair('lvs', args);
    await valueOf(pair.configDigests.director2);
    const first = String(stdinOf('lvs-director1-keepalived-conf-write'));
    const second = String(stdinOf('lvs-director2-keepalived-conf-write'));
    expect(first).toContain('state MASTER');
    expect(first).toMatch(/unicast_src_ip 198\.18\.0\.11\n\s+unicast_peer \{\n\s+198\.18\.0\.12\n\s+\}\n\s+check_unicast_src\n/);
    expect(second).toContain('state BACKUP');
    expect(second).toContain('priority 100');
    expect(second).toMatch(/unicast_src_ip 198\.18\.0\.12\n\s+unicast_peer \{\n\s+198\.18\.0\.11\n\s+\}\n\s+check_unicast_src\n/);
  });

  it('starts both as BACKUP with nopreempt, and generates a VRRPv2 password as a secret', async () => {
    const pair = new DirectorPair('np', { ...args, preempt: false, vrrpVersion: 2, advertIntervalSeconds: 1 });
    await valueOf(pair.configDigests.director1);
    expect(recorded.some((r) => r.type === 'random:index/randomPassword:RandomPassword' && r.name === 'np-vrrp-auth')).toBe(true);
    const secret = stdinOf('np-director1-keepalived-conf-write') as Record<string, string>;
    expect(secret['4dabf18193072939515e22adb298388d']).toBeDefined();
  });

  it('takes addresses that are outputs of other resources, and exposes the validated VIPs', async () => {
    const vip = pulumi.output('198.18.0.101');
    const web = defineHost({ name: 'web9', address: pulumi.output('10.9.0.29'), dataAddress: pulumi.output('198.18.0.29'), os: 'debian-12', privateKey: 'k' });
    const pair = new DirectorPair('out', {
      ...args,
      vips: [vip],
      services: [
        { port: pulumi.output(8080), realServers: [{ name: 'web9', address: web.dataAddress }], healthCheck: { type: 'http', path: pulumi.output('/up') } },
      ],
    });
    expect(await valueOf(pair.vips)).toEqual(['198.18.0.101']);
    await valueOf(pair.configDigests.director1);
    const conf = String(stdinOf('out-director1-keepalived-conf-write'));
    expect(conf).toContain('virtual_server 198.18.0.101 8080');
    expect(conf).toContain('real_server 198.18.0.29 8080');
    expect(conf).toContain('url {\n');
    expect(conf).toMatch(/path \/up/);
    // The times the settings promise, once the port is known: 1-s adverts, backup priority 100, the default check.
    expect(await valueOf(pair.failoverTimes)).toEqual({
      masterDownSeconds: 3.609,
      realServerRemoval: [{ port: 8080, refusedSeconds: 1.5, unansweredSeconds: 3.5 }],
    });
  });
});
