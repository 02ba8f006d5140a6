export type { OpsLog, OpsShell } from './ops-shell';
export { waitUntil } from './wait-until';
