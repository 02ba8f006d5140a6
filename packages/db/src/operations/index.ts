export { promoteReplica } from './promote-replica';
export type { PromoteReplicaArgs, PromotionReport } from './promote-replica';
export { runDatabaseJob, runDatabaseJobScript } from './run-database-job';
export type { DatabaseJobStatus, RunDatabaseJobArgs } from './run-database-job';
