export { promoteReplica } from './promote-replica';
export type { PromoteReplicaArgs, PromotionReport } from './promote-replica';
