export { recoverMaster } from './recover-master';
export type { RecoverMasterArgs, RecoveryReport } from './recover-master';
