import * as pulumi from '@pulumi/pulumi';
import { ConfigFile, firewallFor, hostCommand, Packages, Service } from '@hastack/host';
import { STATE_DIR } from '../backup/job-shell';
import { serverIdFromAddress } from '../sql/sql-values';
import { renderDataPurge } from './render-data-purge';
import { renderLiveSettings } from './render-live-settings';
import { renderRestartSettings, renderServerConf, serverConfigTest, ServerConf } from './render-server-conf';
import type { DatabaseMemberArgs, ReplicatedDatabaseSettings } from './replicated-database-args';

const OPTION_FILE = '90-hastack.cnf';
const SERVER_USER = 'mysql';

/** What the rest of the database waits for on one member: the server running with its settings. */
export interface MemberState {
  member: DatabaseMemberArgs;
  prefix: string;
  ready: pulumi.Resource[];
}

export interface MemberInputs {
  serverId: pulumi.Output<number>;
  /** Addresses that may reach its port: the other members, the application and monitoring hosts. */
  peers: pulumi.Input<string>[];
  /** Whether the set has replicas, without which the primary's semi-sync stays off. */
  hasReplicas: boolean;
}

/** One member: packages, its option file (checked by the server first), the running server and its live settings. */
export function databaseMember(
  parent: pulumi.Resource,
  name: string,
  settings: ReplicatedDatabaseSettings,
  member: DatabaseMemberArgs,
  inputs: MemberInputs,
): MemberState {
  const { host } = member;
  const { paths, services } = host.profile;
  const prefix = `${name}-${host.name}`;
  // Nothing runs when it is created; on destroy it purges the data, once the server's package is gone.
  // The backups' folder on every member: one that took backups before another member did keeps them.
  const dataPaths = [paths.databaseDataDir, STATE_DIR, settings.backup.directory];
  const data = hostCommand(`${prefix}-data`, host, { delete: settings.purgeData ? renderDataPurge(dataPaths) : undefined }, { parent });
  const packages = new Packages(`${prefix}-packages`, { host, roles: ['databaseServer', 'mysqlClient'] }, { parent, dependsOn: data });
  const conf = pulumi.all([host.dataAddress, inputs.serverId]).apply(([address, id]): ServerConf => ({
    series: host.profile.versions.mariadb,
    role: member.role,
    serverId: id,
    bindAddress: address,
    port: settings.port,
    reportHost: host.name,
    semiSync: settings.semiSync.enabled && (member.role === 'replica' || inputs.hasReplicas),
    semiSyncTimeoutMs: settings.semiSync.timeoutMs,
    binlogRetentionDays: settings.binlogRetentionDays,
  }));
  const optionFile = new ConfigFile(
    `${prefix}-server-conf`,
    {
      host,
      path: `${paths.databaseConfigDir}/${OPTION_FILE}`,
      content: conf.apply(renderServerConf),
      validate: serverConfigTest(paths.databaseServerBinary, SERVER_USER),
    },
    { parent, dependsOn: packages },
  );
  const service = new Service(
    `${prefix}-mariadb`,
    { host, unit: services.databaseServer, restartTriggers: [packages.installed, conf.apply(renderRestartSettings)] },
    { parent, dependsOn: optionFile },
  );
  const liveSettings = hostCommand(`${prefix}-settings`, host, { create: conf.apply(renderLiveSettings) }, { parent, dependsOn: service });
  // Without any peer the port stays closed: an empty source list would open it to everyone.
  const firewall = inputs.peers.length
    ? firewallFor(
        `${prefix}-firewall`,
        {
          host,
          rules: [
            { port: settings.port, protocol: 'tcp', sources: inputs.peers, description: 'MariaDB: the other members, the application and monitoring hosts' },
          ],
        },
        { parent },
      )
    : [];
  return { member, prefix, ready: [liveSettings, ...firewall] };
}

/**
 * Every member, in the order of the args, the primary's built first: each with its server_id, checked unique
 * once the addresses are known, and its port open to the other members and the clients.
 */
export function databaseMembers(
  parent: pulumi.Resource,
  name: string,
  settings: ReplicatedDatabaseSettings,
  primaryMember: DatabaseMemberArgs,
): { primary: MemberState; states: MemberState[] } {
  const { members } = settings;
  const serverIds = pulumi.all(members.map((m) => m.host.dataAddress)).apply((addresses) => {
    const ids = members.map((m, i) => m.serverId ?? serverIdFromAddress(addresses[i]));
    ids.forEach((id, i) => {
      const first = ids.indexOf(id);
      if (first !== i) {
        const [one, other] = [members[i].host.name, members[first].host.name];
        throw new Error(`ReplicatedDatabase ${name}: ${one} and ${other} would share server_id ${id}; give one a serverId`);
      }
    });
    return ids;
  });
  const clients = [...settings.appClients, ...settings.monitoringClients];
  const hasReplicas = members.some((m) => m.role === 'replica');
  const memberState = (member: DatabaseMemberArgs) => {
    const peers = [...members.filter((other) => other !== member).map((other) => other.host.dataAddress), ...clients];
    const serverId = serverIds.apply((ids) => ids[members.indexOf(member)]);
    return databaseMember(parent, name, settings, member, { serverId, peers, hasReplicas });
  };
  const primary = memberState(primaryMember);
  return { primary, states: members.map((member) => (member === primaryMember ? primary : memberState(member))) };
}
