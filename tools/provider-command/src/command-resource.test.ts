import { secret } from '@hastack/provider-kit';
import { commandResource } from './command-resource';
import { CommandRun } from './command-run';
import { ResourceLog } from './engine-log';

const urn = 'urn:pulumi:dev::proj::command:remote:Command::step';

function fakeKind() {
  const runs: CommandRun[] = [];
  const kind = {
    extraInputKeys: ['connection'],
    checkExtraInputs: () => [],
    runnerFor: () => async (run: CommandRun) => {
      runs.push(run);
      return { stdout: `ran ${run.command}`, stderr: '' };
    },
  };
  return { kind, runs };
}

describe('commandResource', () => {
  it('runs nothing and outputs empty streams when there is no create command', async () => {
    const { kind, runs } = fakeKind();
    const { outs } = await commandResource(kind, { status: jest.fn(), warning: jest.fn() }).create(urn, {});
    expect(runs).toEqual([]);
    expect(outs).toEqual({ stdout: '', stderr: '' });
  });

  it('keeps the previous outputs when an update has nothing to run', async () => {
    const { kind, runs } = fakeKind();
    const olds = { delete: 'a', stdout: 'kept', stderr: 'too' };
    const { outs } = await commandResource(kind, { status: jest.fn(), warning: jest.fn() }).update('id', urn, olds, {
      delete: 'b',
    });
    expect(runs).toEqual([]);
    expect(outs).toEqual({ delete: 'b', stdout: 'kept', stderr: 'too' });
  });

  it('runs nothing when a host key is named where none was, and runs when the key changes or anything else does', async () => {
    const { kind, runs } = fakeKind();
    const connection = { host: 'web-1', user: 'root', privateKey: 'key-value' };
    const olds = { create: 'x', connection: secret(connection), stdout: 'kept', stderr: '' };
    const pinned = { create: 'x', connection: secret({ ...connection, hostKey: 'ssh-ed25519 AAAA' }) };
    const handler = commandResource(kind, { status: jest.fn(), warning: jest.fn() });
    const { outs } = await handler.update('id', urn, olds, pinned);
    expect(runs).toEqual([]);
    expect(outs).toEqual({ ...pinned, stdout: 'kept', stderr: '' });
    await handler.update('id', urn, olds, { ...pinned, create: 'y' });
    expect(runs.map((run) => run.command)).toEqual(['y']);
    // Another key than the one verified so far: the host was rebuilt, and gets its commands again.
    await handler.update(
      'id',
      urn,
      { ...pinned, stdout: 'kept', stderr: '' },
      { ...pinned, connection: secret({ ...connection, hostKey: 'ssh-ed25519 BBBB' }) },
    );
    expect(runs.map((run) => run.command)).toEqual(['y', 'x']);
  });

  it('runs create, not update, and without the previous output, on a host whose key another one replaced (rebuilt)', async () => {
    const { kind, runs } = fakeKind();
    const connection = { host: 'db-2', user: 'root', privateKey: 'key-value' };
    const olds = {
      create: 'install',
      update: 'compare-and-apply',
      addPreviousOutputInEnv: true,
      connection: secret({ ...connection, hostKey: 'ssh-ed25519 AAAA' }),
      stdout: 'marks',
      stderr: '',
    };
    const handler = commandResource(kind, { status: jest.fn(), warning: jest.fn() });
    const rebuilt = { ...olds, connection: secret({ ...connection, hostKey: 'ssh-ed25519 BBBB' }) };
    await handler.update('id', urn, olds, rebuilt);
    expect(runs.map((run) => [run.command, run.environment.PULUMI_COMMAND_STDOUT])).toEqual([['install', undefined]]);
    await handler.update('id', urn, rebuilt, { ...rebuilt, stdin: 'changed' });
    expect(runs.map((run) => [run.command, run.environment.PULUMI_COMMAND_STDOUT])).toEqual([
      ['install', undefined],
      ['compare-and-apply', 'marks'],
    ]);
  });

  it('does nothing on delete without a delete command', async () => {
    const { kind, runs } = fakeKind();
    await commandResource(kind, { status: jest.fn(), warning: jest.fn() }).delete('id', urn, { create: 'x' });
    expect(runs).toEqual([]);
  });

  it('marks environment, secrets and credentials sensitive, but not plain stdin, the previous output or the host', async () => {
    const { kind, runs } = fakeKind();
    const olds = { create: 'x', stdout: 'previous output', stderr: '' };
    await commandResource(kind, { status: jest.fn(), warning: jest.fn() }).update('id', urn, olds, {
      create: 'y',
      environment: { A: 'env-value' },
      stdin: 'stdin-value',
      delete: secret('secret-delete'),
      connection: secret({ host: 'web-1', user: 'root', privateKey: 'key-value', proxy: { host: 'b', password: 'pw' } }),
    });
    expect(runs[0].environment).toEqual({ A: 'env-value', PULUMI_COMMAND_STDOUT: 'previous output' });
    expect(runs[0].sensitive).toEqual(['env-value', 'secret-delete', 'key-value', 'pw']);
  });

  it('marks stdin sensitive when it is a secret', async () => {
    const { kind, runs } = fakeKind();
    await commandResource(kind, { status: jest.fn(), warning: jest.fn() }).create(urn, { create: 'cat', stdin: secret('password=x1') });
    expect(runs[0].sensitive).toEqual(['password=x1']);
  });

  it('leaves out a previous output too large for an environment variable, with a warning', async () => {
    const { kind, runs } = fakeKind();
    const log: ResourceLog = { status: jest.fn(), warning: jest.fn() };
    const olds = { create: 'x', stdout: 'o'.repeat(200 * 1024), stderr: 'small' };
    await commandResource(kind, log).update('id', urn, olds, { create: 'y' });
    expect(runs[0].environment).toEqual({ PULUMI_COMMAND_STDERR: 'small' });
    expect(log.warning).toHaveBeenCalledWith(urn, expect.stringContaining('PULUMI_COMMAND_STDOUT'));
  });

  describe('drift', () => {
    const probe = 'probe the host';
    const deployed = { create: 'c', update: 'u', stdin: 'content', environment: { A: 'a', HASTACK_DRIFT_PROBE: probe }, stdout: 'done', stderr: '' };

    function probingKind(printed: string) {
      const runs: CommandRun[] = [];
      const kind = {
        ...fakeKind().kind,
        runnerFor: () => async (run: CommandRun) => {
          runs.push(run);
          return { stdout: run.command === probe ? printed : `ran ${run.command}`, stderr: '' };
        },
      };
      return { handler: commandResource(kind, { status: jest.fn(), warning: jest.fn() }), runs };
    }

    it('leaves the state as it is on refresh when the resource has no probe', async () => {
      const { handler, runs } = probingKind('');
      const state = { create: 'c', stdout: 'done' };
      await expect(handler.read!('id', urn, state)).resolves.toEqual({ id: 'id', props: state, inputs: { create: 'c' } });
      expect(runs).toEqual([]);
    });

    it("runs the probe with the resource's stdin and environment, not the probe itself, and keeps its lines", async () => {
      const { handler, runs } = probingKind('/etc/a.conf: content differs\n\nnrpe is not running\n');
      const { props } = await handler.read!('id', urn, deployed);
      expect(props).toEqual({ ...deployed, drift: ['/etc/a.conf: content differs', 'nrpe is not running'] });
      expect(runs.map((run) => [run.command, run.environment, run.stdin])).toEqual([[probe, { A: 'a' }, 'content']]);
    });

    it('forgets the drift of an earlier refresh when the probe finds none', async () => {
      const { handler } = probingKind('');
      const { props } = await handler.read!('id', urn, { ...deployed, drift: ['old'] });
      expect(props).toEqual(deployed);
    });

    it('masks secret values in the lines', async () => {
      const { handler } = probingKind('password hunter22 is wrong\n');
      const { props } = await handler.read!('id', urn, { ...deployed, stdin: secret('hunter22') });
      expect(props.drift).toEqual(['password [secret] is wrong']);
    });

    it('makes drift a change, and the update undoes it with the lines in HASTACK_DRIFT and forgets it', async () => {
      const { handler, runs } = probingKind('');
      const inputs = { create: 'c', update: 'u', stdin: 'content', environment: { A: 'a', HASTACK_DRIFT_PROBE: probe } };
      await expect(handler.diff('id', urn, deployed, inputs)).resolves.toMatchObject({ changes: false });
      const drifted = { ...deployed, drift: ['one', 'two'] };
      await expect(handler.diff('id', urn, drifted, inputs)).resolves.toMatchObject({ changes: true, replaces: [] });
      const { outs } = await handler.update('id', urn, drifted, inputs);
      expect(runs.map((run) => [run.command, run.environment.HASTACK_DRIFT])).toEqual([['u', 'one\ntwo']]);
      expect(outs).not.toHaveProperty('drift');
    });

    it('runs nothing when only the probe changes (a site deployed before probes existed)', async () => {
      const { handler, runs } = probingKind('');
      const before = { create: 'c', update: 'u', environment: { A: 'a' }, stdout: 'done', stderr: '' };
      const { outs } = await handler.update('id', urn, before, { create: 'c', update: 'u', environment: { A: 'a', HASTACK_DRIFT_PROBE: probe } });
      expect(runs).toEqual([]);
      expect(outs).toMatchObject({ stdout: 'done', environment: { HASTACK_DRIFT_PROBE: probe } });
      await handler.update('id', urn, before, { create: 'c', update: 'u2', environment: { A: 'a', HASTACK_DRIFT_PROBE: probe } });
      expect(runs.map((run) => run.command)).toEqual(['u2']);
    });
  });
});
