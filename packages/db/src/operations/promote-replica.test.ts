import type { OpsShell } from '@hastack/host';
import { promoteReplica, PromoteReplicaArgs } from './promote-replica';
import { catchUpScript, parseMemberState, repointScript } from './promote-replica-scripts';

const replicaState = (master: string, behind = '0') =>
  [
    `master_host=${master}`,
    'io_running=Yes',
    'sql_running=Yes',
    `seconds_behind=${behind}`,
    'gtid_io_pos=0-1-120',
    'last_error= ',
    'read_only=1',
    'gtid_slave_pos=0-1-118',
    'gtid_binlog_pos=0-1-118',
  ].join('\n');
const primaryState = [
  'master_host=',
  'io_running=',
  'sql_running=',
  'seconds_behind=',
  'gtid_io_pos=',
  'last_error= ',
  'read_only=0',
  'gtid_slave_pos=',
  'gtid_binlog_pos=0-1-120',
].join('\n');

/** A member that answers the procedure's scripts from a state, and records which it ran. */
function member(name: string, state: () => string | Error, extra: Record<string, string | Error> = {}) {
  const ran: string[] = [];
  const shell: OpsShell = {
    name,
    async run(script) {
      const kind = script.includes('SHOW SLAVE STATUS')
        ? 'state'
        : script.includes('MASTER_GTID_WAIT')
          ? script.includes('STOP SLAVE IO_THREAD')
            ? 'apply-received'
            : 'catch-up'
          : script.includes('RESET SLAVE ALL')
            ? 'become-primary'
            : script.includes('CHANGE MASTER')
              ? 'repoint'
              : script.includes('read_only = ON')
                ? 'fence'
                : script.includes('read_only = OFF')
                  ? 'unfence'
                  : 'other';
      ran.push(kind);
      const answer = kind === 'state' ? state() : (extra[kind] ?? '');
      if (answer instanceof Error) throw answer;
      return kind === 'fence' ? '0-1-120\n' : answer;
    },
  };
  return { shell, ran };
}

function setup(over: { primary?: () => string | Error; candidate?: () => string; catchUp?: string | Error; primaryIsDead?: boolean } = {}) {
  const primary = member('db1', over.primary ?? (() => primaryState));
  const candidate = member('db2', over.candidate ?? (() => replicaState('198.18.0.31')), over.catchUp ? { 'catch-up': over.catchUp } : {});
  const other = member('db3', () => replicaState('198.18.0.31'));
  const log: string[] = [];
  const args: PromoteReplicaArgs = {
    candidate: candidate.shell,
    candidateAddress: '198.18.0.32',
    primary: primary.shell,
    primaryAddress: '198.18.0.31',
    otherReplicas: [other.shell],
    primaryIsDead: over.primaryIsDead,
    log: (line) => log.push(line),
  };
  return { args, primary, candidate, other, log };
}

describe('promoteReplica', () => {
  it('fences a live primary, lets the candidate apply up to its last transaction, then makes it writable and repoints the others', async () => {
    const { args, primary, candidate, other } = setup();
    const report = await promoteReplica(args);
    expect(primary.ran).toEqual(['state', 'fence']);
    expect(candidate.ran).toEqual(['state', 'catch-up', 'become-primary']);
    expect(other.ran).toEqual(['repoint']);
    expect(report).toMatchObject({ fenced: true, position: '0-1-120', alreadyPrimary: false });
  });

  it('refuses a primary that does not answer unless it is declared dead, before touching any member', async () => {
    const { args, candidate, other } = setup({ primary: () => new Error('db1 (198.18.0.31): exited 255: connection refused') });
    await expect(promoteReplica(args)).rejects.toThrow(
      'does not answer, so it cannot be fenced and might still take writes; if it is dead, run again with --primary-is-dead',
    );
    expect(candidate.ran).toEqual(['state']);
    expect(other.ran).toEqual([]);
  });

  it('with a dead primary, applies what the candidate received (receiving stopped) and fences nothing', async () => {
    const { args, primary, candidate } = setup({ primary: () => new Error('unreachable'), primaryIsDead: true });
    const report = await promoteReplica(args);
    expect(primary.ran).toEqual(['state']);
    expect(candidate.ran).toEqual(['state', 'apply-received', 'become-primary']);
    expect(report).toMatchObject({ fenced: false, position: '0-1-120' });
  });

  it('refuses --primary-is-dead when the primary answers', async () => {
    const { args, primary } = setup({ primaryIsDead: true });
    await expect(promoteReplica(args)).rejects.toThrow('answers: it is not dead');
    expect(primary.ran).toEqual(['state']);
  });

  it('refuses a candidate far behind, or one that replicates from elsewhere, before fencing', async () => {
    const behind = setup({ candidate: () => replicaState('198.18.0.31', '400') });
    await expect(promoteReplica(behind.args)).rejects.toThrow('db2 is 400 s behind the primary (at most 30)');
    expect(behind.primary.ran).toEqual(['state']);
    const elsewhere = setup({ candidate: () => replicaState('198.18.0.99') });
    await expect(promoteReplica(elsewhere.args)).rejects.toThrow('db2 replicates from "198.18.0.99", not from the primary db1 (198.18.0.31)');
  });

  it('gives the old primary its writes back when the candidate cannot catch up', async () => {
    const { args, primary, candidate } = setup({ catchUp: new Error('did not apply up to 0-1-120 within 60 s') });
    await expect(promoteReplica(args)).rejects.toThrow('db2 did not catch up with db1, which takes writes again');
    expect(primary.ran).toEqual(['state', 'fence', 'unfence']);
    expect(candidate.ran).not.toContain('become-primary');
  });

  it('run again, finds the candidate primary already and only repoints the replicas', async () => {
    const { args, primary, candidate, other } = setup({ candidate: () => primaryState });
    const report = await promoteReplica(args);
    expect(report.alreadyPrimary).toBe(true);
    expect(primary.ran).toEqual(['state']);
    expect(candidate.ran).toEqual(['state']);
    expect(other.ran).toEqual(['repoint']);
  });
});

describe('promotion scripts', () => {
  it('reads what a replica says about itself', () => {
    expect(parseMemberState(replicaState('198.18.0.31', '3'))).toEqual({
      masterHost: '198.18.0.31',
      ioRunning: true,
      sqlRunning: true,
      secondsBehind: 3,
      readOnly: true,
      gtidSlavePos: '0-1-118',
      gtidIoPos: '0-1-120',
      gtidBinlogPos: '0-1-118',
      lastError: '',
    });
    expect(parseMemberState(replicaState('198.18.0.31', 'NULL')).secondsBehind).toBeUndefined();
  });

  it('takes only GTID positions and addresses into SQL', () => {
    expect(catchUpScript('0-1-120,1-2-3', 60, false)).toContain("MASTER_GTID_WAIT('0-1-120,1-2-3', 60)");
    expect(() => catchUpScript("0-1-1'; DROP", 60, false)).toThrow('is not a GTID position');
    expect(() => repointScript('db2; DROP')).toThrow('is not an IPv4 address');
  });
});
