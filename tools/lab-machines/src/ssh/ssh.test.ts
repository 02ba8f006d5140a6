import * as fs from 'node:fs';
import { knownHostsFile, knownHostsLines, sshArgs } from './ssh';

const host = { address: '198.18.0.21', port: 22, user: 'root', privateKeyPath: '/repo/.lab/ssh/id_ed25519' };

describe('sshArgs', () => {
  it("logs in with the lab's key only and checks the host key against the lab's known_hosts", () => {
    const args = sshArgs(host);
    expect(args.slice(0, 4)).toEqual(['-i', '/repo/.lab/ssh/id_ed25519', '-p', '22']);
    expect(args).toContain('StrictHostKeyChecking=yes');
    expect(args).toContain('UserKnownHostsFile=/repo/.lab/ssh/known_hosts');
    expect(args.at(-1)).toBe('root@198.18.0.21');
  });

  it("checks the inventory's host key when it gives one, from a file written once", () => {
    const keyed = { ...host, hostKey: 'ssh-ed25519 AAAAweb1' };
    const knownHosts = (args: string[]) => args.find((arg) => arg.startsWith('UserKnownHostsFile='))!.split('=')[1];
    const file = knownHosts(sshArgs(keyed));
    expect(fs.readFileSync(file, 'utf8')).toBe('198.18.0.21 ssh-ed25519 AAAAweb1\n');
    expect(knownHosts(sshArgs(keyed))).toBe(file);
    expect(knownHosts(sshArgs({ ...keyed, hostKey: 'ssh-ed25519 AAAAnew' }))).not.toBe(file);
  });
});

describe('known hosts', () => {
  it('sits beside the key, one line per host address', () => {
    expect(knownHostsFile(host)).toBe('/repo/.lab/ssh/known_hosts');
    expect(knownHostsLines([{ address: '198.18.0.21', publicKey: 'ssh-ed25519 AAAA' }])).toBe('198.18.0.21 ssh-ed25519 AAAA\n');
  });
});
