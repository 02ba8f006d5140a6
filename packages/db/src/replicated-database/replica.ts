import * as pulumi from '@pulumi/pulumi';
import { OneOffStep } from '@hastack/host';
import { STATE_DIR } from '../backup/job-shell';
import { TierUsers } from './accounts';
import type { AccountScope, PrimarySources } from './accounts';
import type { MemberState } from './member';
import { renderReplicaJoin, replicaJoinInput } from './render-replica-join';

/**
 * A replica's join: a consistent snapshot of the live primary, then following it by GTID. It waits for its
 * own server and for the primary's database and the accounts it joins with; the passwords and the primary's
 * address go in on stdin.
 */
export function replicaJoin(scope: AccountScope, state: MemberState, primary: PrimarySources): OneOffStep {
  const { parent, settings, passwords } = scope;
  const join = renderReplicaJoin({
    port: settings.port,
    replicationUser: TierUsers.replication,
    snapshotUser: TierUsers.snapshot,
    workDir: `${STATE_DIR}/join`,
    connectRetrySeconds: 2,
    member: state.member.host.name,
    primary: primary.state.member.host.name,
    discardData: state.member.discardData ?? false,
  });
  return new OneOffStep(
    `${state.prefix}-replication`,
    {
      host: state.member.host,
      ...join,
      stdin: pulumi.secret(
        pulumi.all([passwords.replication, passwords.snapshot, primary.state.member.host.dataAddress]).apply(([r, s, a]) => replicaJoinInput(r, s, a)),
      ),
    },
    { parent, dependsOn: [...state.ready, primary.database, ...primary.joinAccounts] },
  );
}
