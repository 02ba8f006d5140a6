import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort } from '@hastack/host/testing';
import { knownHostsFile, knownHostsLines, labSsh, sshArgs } from './ssh';

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

describe('labSsh', () => {
  it('reports a refused login as 255 when ssh exits before reading the input written to it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hastack-lab-ssh-'));
    try {
      const closed = { name: 'nobody', address: '127.0.0.1', port: await freePort(), user: 'root', privateKeyPath: path.join(dir, 'id') };
      const result = await labSsh(closed, 'true', { input: 'x'.repeat(4 * 1024 * 1024) });
      expect(result.code).toBe(255);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
