export type { OpsLog, OpsShell } from './ops-shell';
