export { APP_PRIVILEGES, ReplicatedDatabase, TierUsers } from './replicated-database';
export { backupMember, DatabaseRoles, ReservedUsers, validateReplicatedDatabaseArgs } from './replicated-database-args';
export type { BackupArgs, DatabaseMemberArgs, DatabaseRole, ReplicatedDatabaseArgs, SemiSyncArgs } from './replicated-database-args';
export { accountStepInput, renderAccountStep } from './render-account-step';
export type { AccountSpec, AccountStepScripts } from './render-account-step';
export { renderReplicaJoin, replicaJoinInput } from './render-replica-join';
export type { ReplicaJoin, ReplicaJoinScripts } from './render-replica-join';
export { renderDynamicSettingsSql, renderRestartSettings, renderServerConf, serverConfigTest, serverSettings } from './render-server-conf';
export type { ServerConf, ServerSettings, Setting } from './render-server-conf';
