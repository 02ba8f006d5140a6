import { ARCHIVE_SIGNATURE, ASSET_SIGNATURE, SIGNATURE_KEY, secret } from '@hastack/provider-kit';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ResourceLog } from './engine-log';
import { localCommand } from './local-command';

const urn = 'urn:pulumi:dev::proj::command:local:Command::hello';
const log: ResourceLog = { status: jest.fn(), warning: jest.fn() };

describe('command:local:Command', () => {
  const handler = localCommand(log);

  it('runs create and names the resource after itself', async () => {
    const { id, outs } = await handler.create(urn, { create: 'echo created' });
    expect(id).toMatch(/^hello[0-9a-f]{8}$/);
    expect(outs).toEqual({ create: 'echo created', stdout: 'created', stderr: '' });
  });

  it('runs update on an update, with the previous output in the environment', async () => {
    const olds = { create: 'echo one', update: 'echo "was $PULUMI_COMMAND_STDOUT"', stdout: 'one', stderr: '' };
    const { outs } = await handler.update('id', urn, olds, { ...olds, create: 'echo two' });
    expect(outs).toMatchObject({ stdout: 'was one' });
  });

  it('runs create on an update when there is no update command', async () => {
    const { outs } = await handler.update('id', urn, { create: 'echo one' }, { create: 'echo two' });
    expect(outs).toMatchObject({ stdout: 'two' });
  });

  it('leaves the previous output out when addPreviousOutputInEnv is false', async () => {
    const olds = { create: 'echo "[$PULUMI_COMMAND_STDOUT]"', stdout: 'one', addPreviousOutputInEnv: false };
    const { outs } = await handler.update('id', urn, olds, { ...olds, environment: { X: 'x' } });
    expect(outs).toMatchObject({ stdout: '[]' });
  });

  it('runs the delete command of the old state', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'local-command-'));
    const state = { delete: 'echo "$PULUMI_COMMAND_STDOUT" > deleted', dir, stdout: 'bye', stderr: '' };
    await handler.delete('id', urn, state);
    expect(readFileSync(join(dir, 'deleted'), 'utf8')).toBe('bye\n');
  });

  it('keeps secret inputs secret and protects an output that repeats a secret', async () => {
    const inputs = { create: 'cat', stdin: secret('s3cr3t-value') };
    const { outs } = await handler.create(urn, inputs);
    expect(outs).toEqual({ ...inputs, stdout: secret('s3cr3t-value'), stderr: '' });
  });

  it('asks for a replacement when triggers change, an update otherwise', async () => {
    await expect(handler.diff('id', urn, { triggers: [1] }, { triggers: [2] })).resolves.toMatchObject({
      replaces: ['triggers'],
    });
    await expect(handler.diff('id', urn, { dir: '/a' }, { dir: '/b' })).resolves.toEqual({
      changes: true,
      replaces: [],
    });
  });

  it('rejects inputs of the wrong type', async () => {
    const { failures } = await handler.check(urn, {}, { create: 3, logging: 'loud', interpreter: 'sh' });
    expect(failures?.map((failure) => failure.property)).toEqual(['create', 'logging', 'interpreter']);
  });

  it('returns the files selected by assetPaths and archivePaths', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'local-command-'));
    writeFileSync(join(dir, 'keep.txt'), '');
    const { outs } = await handler.create(urn, {
      create: 'mkdir out && echo x > out/a.txt && echo y > out/b.log',
      dir,
      assetPaths: ['out/*'],
      archivePaths: ['**/*.txt', '!keep.txt'],
    });
    const asset = (path: string) => ({ [SIGNATURE_KEY]: ASSET_SIGNATURE, path: join(dir, path) });
    expect(outs.assets).toEqual({ 'out/a.txt': asset('out/a.txt'), 'out/b.log': asset('out/b.log') });
    expect(outs.archive).toEqual({ [SIGNATURE_KEY]: ARCHIVE_SIGNATURE, assets: { 'out/a.txt': asset('out/a.txt') } });
  });
});
