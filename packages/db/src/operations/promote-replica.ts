import type { OpsLog, OpsShell } from '@hastack/host';
import {
  becomePrimaryScript,
  catchUpScript,
  fenceScript,
  memberStateScript,
  MemberState,
  parseMemberState,
  repointScript,
  unfenceScript,
} from './promote-replica-scripts';

export interface PromoteReplicaArgs {
  /** The replica to promote, and the address the others and the application reach it at. */
  candidate: OpsShell;
  candidateAddress: string;
  /** The current primary; its address is what the candidate replicates from. */
  primary: OpsShell;
  primaryAddress: string;
  /** The other replicas: each follows the new primary. */
  otherReplicas: OpsShell[];
  /** The operator says the primary is dead: it is not fenced, and the candidate applies what it received. */
  primaryIsDead?: boolean;
  /** A candidate further behind than this is refused (30 s). */
  maxLagSeconds?: number;
  /** How long the candidate gets to apply what it is behind (60 s). */
  catchUpSeconds?: number;
  log: OpsLog;
}

export interface PromotionReport {
  /** From the start to the candidate taking writes. */
  seconds: number;
  /** Whether the old primary was made read-only (false when it was declared dead). */
  fenced: boolean;
  /** The last transaction the new primary had applied when it took over. */
  position: string;
  /** Nothing was done: the candidate was the primary already (a second run). */
  alreadyPrimary: boolean;
}

async function stateOf(shell: OpsShell): Promise<MemberState> {
  return parseMemberState(await shell.run(memberStateScript()));
}

/** Whether the primary answers: a host that cannot be reached, or a server that does not run, does not. */
async function answers(primary: OpsShell): Promise<MemberState | undefined> {
  try {
    return await stateOf(primary);
  } catch {
    return undefined;
  }
}

/**
 * Makes a replica the primary: the old primary is fenced (read-only) when it answers, the candidate
 * applies every transaction the old primary committed (semi-sync's AFTER_SYNC makes every acknowledged
 * one reach a replica first), stops replicating and becomes writable, and the other replicas follow it.
 * A primary that does not answer is only passed over with `primaryIsDead`: it might still take writes.
 * Run it again after it succeeded and it finds the candidate already primary and repoints the replicas.
 */
export async function promoteReplica(args: PromoteReplicaArgs): Promise<PromotionReport> {
  const started = Date.now();
  const maxLag = args.maxLagSeconds ?? 30;
  const catchUp = args.catchUpSeconds ?? 60;
  const candidate = await stateOf(args.candidate);
  const primary = await answers(args.primary);
  const alreadyPrimary = !candidate.masterHost && !candidate.readOnly;

  if (!alreadyPrimary) {
    if (candidate.masterHost !== args.primaryAddress) {
      throw new Error(`${args.candidate.name} replicates from "${candidate.masterHost}", not from the primary ${args.primary.name} (${args.primaryAddress})`);
    }
    if (!candidate.sqlRunning)
      throw new Error(`${args.candidate.name} does not apply what it receives: ${candidate.lastError.trim() || 'its SQL thread is stopped'}`);
    if (primary && args.primaryIsDead) {
      throw new Error(`the primary ${args.primary.name} (${args.primaryAddress}) answers: it is not dead; promote without --primary-is-dead to fence it first`);
    }
    if (!primary && !args.primaryIsDead) {
      throw new Error(
        `the primary ${args.primary.name} (${args.primaryAddress}) does not answer, so it cannot be fenced and might still take writes; ` +
          'if it is dead, run again with --primary-is-dead',
      );
    }
    if (primary && (candidate.secondsBehind === undefined || candidate.secondsBehind > maxLag)) {
      throw new Error(
        `${args.candidate.name} is ${candidate.secondsBehind ?? 'an unknown number of'} s behind the primary (at most ${maxLag}): let it catch up first`,
      );
    }
  }

  let position = candidate.gtidSlavePos;
  if (alreadyPrimary) {
    args.log(`${args.candidate.name} is the primary already`);
  } else if (primary) {
    const target = (await args.primary.run(fenceScript())).trim();
    args.log(`${args.primary.name}: read-only; its last transaction is ${target || 'none'}`);
    try {
      await args.candidate.run(catchUpScript(target, catchUp, false));
    } catch (error) {
      await args.primary.run(unfenceScript());
      throw new Error(`${args.candidate.name} did not catch up with ${args.primary.name}, which takes writes again: ${(error as Error).message}`);
    }
    position = target;
    args.log(`${args.candidate.name}: applied everything up to ${target || 'the start'}`);
  } else {
    const received = candidate.gtidIoPos;
    await args.candidate.run(catchUpScript(received, catchUp, true));
    position = received;
    args.log(`${args.candidate.name}: ${args.primary.name} declared dead; applied everything it had received (${received || 'nothing'})`);
  }

  if (!alreadyPrimary) {
    // Semi-sync on the new primary only when a replica is there to acknowledge, else every commit would wait out the timeout.
    const followers = args.otherReplicas.length + (primary ? 1 : 0);
    await args.candidate.run(becomePrimaryScript(followers > 0));
    args.log(`${args.candidate.name}: replication stopped, writable: the primary`);
  }
  for (const replica of args.otherReplicas) {
    await replica.run(repointScript(args.candidateAddress));
    args.log(`${replica.name}: replicates from ${args.candidate.name}`);
  }
  return { seconds: (Date.now() - started) / 1000, fenced: !!primary && !alreadyPrimary, position, alreadyPrimary };
}
