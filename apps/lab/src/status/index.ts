export { collectLabStatus, formatLabStatus } from './lab-status';
export type { LabStatus } from './lab-status';
export { parseIpvsTable } from './ipvs-table';
export type { IpvsRealServer } from './ipvs-table';
export { runOnHost } from './host-shell';
export type { ShellResult } from './host-shell';
export { sampleSite, whoAnswers } from './site-probe';
