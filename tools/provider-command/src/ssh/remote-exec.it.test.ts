import { ASSET_SIGNATURE, ARCHIVE_SIGNATURE, SIGNATURE_KEY, secret } from '@hastack/provider-kit';
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyToRemote } from '../copy-to-remote';
import { CommandRun } from '../command-run';
import { ResourceLog, silentLog } from '../engine-log';
import { LoopbackSshd, startLoopbackSshd } from '../testing/loopback-sshd';
import { ConnectionPool } from './connection-pool';
import { ConnectionSpec, connectionSpec } from './connection-spec';
import { dial, fingerprint } from './dial';
import { execRemote } from './remote-exec';

let sshd: LoopbackSshd;
let spec: ConnectionSpec;

beforeAll(async () => {
  sshd = await startLoopbackSshd();
  spec = connectionSpec({ host: sshd.host, port: sshd.port, user: sshd.user, privateKey: sshd.privateKey, hostKey: sshd.hostKey });
});
afterAll(() => sshd?.stop());

function runOf(command: string, extra: Partial<CommandRun> = {}): CommandRun {
  return { urn: 'urn:test', command, environment: {}, logging: 'none', sensitive: [], ...extra };
}

describe('remote execution over the loopback sshd', () => {
  const pool = new ConnectionPool(dial);
  afterAll(() => pool.closeAll());
  const exec = (run: CommandRun) => pool.withConnection(spec, (client) => execRemote(client, run, silentLog));

  it('runs with its environment and stdin although sshd accepts no env requests', async () => {
    const run = runOf('printf "%s:" "$GREETING"; cat', { environment: { GREETING: 'hello\nworld' }, stdin: 'from stdin' });
    await expect(exec(run)).resolves.toEqual({ stdout: 'hello\nworld:from stdin', stderr: '' });
  });

  it('fails with the exit status and stderr', async () => {
    await expect(exec(runOf('echo broken >&2; exit 3'))).rejects.toThrow('exit status 3: running "echo broken >&2; exit 3":\nbroken');
  });

  it('does not wait for a background process that keeps the output open', async () => {
    const started = Date.now();
    await expect(exec(runOf('sleep 8 & echo started'))).resolves.toMatchObject({ stdout: 'started' });
    expect(Date.now() - started).toBeLessThan(6000);
  });

  it('shares one connection among many concurrent commands', async () => {
    const dials = jest.fn(dial);
    const sharing = new ConnectionPool(dials, 4);
    const runs = Array.from({ length: 20 }, (_, i) => sharing.withConnection(spec, (client) => execRemote(client, runOf(`echo ${i}`), silentLog)));
    const results = await Promise.all(runs);
    sharing.closeAll();
    expect(results.map((result) => result.stdout)).toEqual(Array.from({ length: 20 }, (_, i) => String(i)));
    expect(dials).toHaveBeenCalledTimes(1);
  });

  it('reaches the host through a proxy', async () => {
    const throughBastion = connectionSpec({ ...spec, proxy: { ...spec } });
    const client = await dial(throughBastion, () => undefined);
    await expect(execRemote(client, runOf('echo via bastion'), silentLog)).resolves.toMatchObject({ stdout: 'via bastion' });
    client.end();
  });

  it('refuses a host whose key is not the expected one, without retrying', async () => {
    const wrongKey = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFgEr8NXgmK0vS0Nk7Fv4pVTZlZ5Z5Z5Z5Z5Z5Z5Z5Z5';
    const retries = jest.fn();
    const blob = (line: string) => Buffer.from(line.split(' ')[1], 'base64');
    await expect(dial({ ...spec, hostKey: wrongKey }, retries)).rejects.toThrow(
      `the host key of 127.0.0.1:${sshd.port} changed: it presented ${fingerprint(blob(sshd.hostKey))}, expected ${fingerprint(blob(wrongKey))}`,
    );
    expect(retries).not.toHaveBeenCalled();
  });

  it('gives up on a closed port after dialErrorLimit retries, naming host and port', async () => {
    const closed = { ...spec, port: 1, dialErrorLimit: 2 };
    const retries = jest.fn();
    await expect(dial(closed, retries)).rejects.toThrow(
      `ssh: cannot connect to ${sshd.user}@127.0.0.1:1 after 3 failed attempts: connect ECONNREFUSED 127.0.0.1:1`,
    );
    expect(retries).toHaveBeenCalledTimes(2);
  });
});

describe('command:remote:CopyToRemote over the loopback sshd', () => {
  const pool = new ConnectionPool(dial);
  afterAll(() => pool.closeAll());
  const log: ResourceLog = silentLog;
  const urn = 'urn:pulumi:dev::proj::command:remote:CopyToRemote::copy';
  const connection = () => secret({ host: sshd.host, port: sshd.port, user: sshd.user, privateKey: sshd.privateKey });

  it('copies a file, keeping its mode, creating missing parents', async () => {
    const local = mkdtempSync(join(tmpdir(), 'copy-src-'));
    writeFileSync(join(local, 'run.sh'), '#!/bin/sh\n', { mode: 0o755 });
    const remotePath = join(sshd.dir, 'deep/er/run.sh');
    const source = { [SIGNATURE_KEY]: ASSET_SIGNATURE, path: join(local, 'run.sh') };
    await copyToRemote(pool, log).create(urn, { connection: connection(), source, remotePath });
    expect(readFileSync(remotePath, 'utf8')).toBe('#!/bin/sh\n');
    expect(statSync(remotePath).mode & 0o777).toBe(0o755);
  });

  it('copies a text and a directory tree', async () => {
    const local = mkdtempSync(join(tmpdir(), 'copy-src-'));
    mkdirSync(join(local, 'site/css'), { recursive: true });
    writeFileSync(join(local, 'site/index.html'), 'hi');
    writeFileSync(join(local, 'site/css/a.css'), 'body{}');
    const handler = copyToRemote(pool, log);
    const text = { [SIGNATURE_KEY]: ASSET_SIGNATURE, text: 'key=value\n' };
    await handler.create(urn, { connection: connection(), source: text, remotePath: join(sshd.dir, 'app.conf') });
    const tree = { [SIGNATURE_KEY]: ARCHIVE_SIGNATURE, path: join(local, 'site') };
    await handler.create(urn, { connection: connection(), source: tree, remotePath: join(sshd.dir, 'www') });
    expect(readFileSync(join(sshd.dir, 'app.conf'), 'utf8')).toBe('key=value\n');
    expect(readFileSync(join(sshd.dir, 'www/site/css/a.css'), 'utf8')).toBe('body{}');
  });
});
