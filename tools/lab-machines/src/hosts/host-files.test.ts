import { planHosts } from '../topology/topology';
import { hostFiles } from './host-files';

const hosts = planHosts({ directors: 1, web: 1, databases: 0, dfsMaster: 0, chunkservers: 0, monitoring: 0, stranger: 1 });
const identity = {
  machineId: '0123456789abcdef0123456789abcdef',
  authorizedKey: 'ssh-ed25519 AAAAkey hastack-lab\n',
  aptSource: 'deb [trusted=yes] file:/mirror ./',
};

function filesOf(name: string) {
  const host = hosts.find((h) => h.name === name);
  if (!host) {
    throw new Error(name);
  }
  return Object.fromEntries(hostFiles(host, hosts, identity).map((f) => [f.path, f]));
}

describe('hostFiles', () => {
  it('gives a container a static address on host0 and no default route', () => {
    const network = filesOf('web1')['etc/systemd/network/10-lab.network'].content;
    expect(network).toContain('Name=host0\n');
    expect(network).toContain('Address=198.18.0.21/24\n');
    expect(network).not.toMatch(/Gateway/);
  });

  it('makes the stranger a container like the others, at its own address, named in /etc/hosts like any lab host', () => {
    const network = filesOf('stranger')['etc/systemd/network/10-lab.network'].content;
    expect(network).toContain('Name=host0\n');
    expect(network).toContain('Address=198.18.0.250/24\n');
    expect(filesOf('web1')['etc/hosts'].content).toContain('198.18.0.250 stranger\n');
  });

  it("matches a VM's eth0", () => {
    expect(filesOf('director1')['etc/systemd/network/10-lab.network'].content).toContain('Name=eth0\n');
  });

  it('names every lab host in /etc/hosts, the lab having no DNS', () => {
    expect(filesOf('web1')['etc/hosts'].content).toContain('198.18.0.11 director1\n198.18.0.21 web1\n');
  });

  it('writes the identity: hostname, machine id, the one apt source and the lab key, private to root', () => {
    const files = filesOf('web1');
    expect(files['etc/hostname'].content).toBe('web1\n');
    expect(files['etc/machine-id'].content).toBe(`${identity.machineId}\n`);
    expect(files['etc/apt/sources.list.d/lab-mirror.list'].content).toBe('deb [trusted=yes] file:/mirror ./\n');
    expect(files['etc/dpkg/dpkg.cfg.d/lab-minimal'].content).toMatch(/^force-unsafe-io\npath-exclude=\/usr\/share\/man\/\*\n/);
    expect(files['root/.ssh/authorized_keys']).toEqual({
      path: 'root/.ssh/authorized_keys',
      content: 'ssh-ed25519 AAAAkey hastack-lab\n',
      mode: 0o600,
    });
  });
});
