export { collectLabStatus, formatLabStatus, vipOwnership } from './lab-status';
export type { LabStatus, VipOwnership } from './lab-status';
export { runOnHost, runOnHostOrThrow } from './host-shell';
export type { ShellResult } from './host-shell';
export { answerOf, sampleSite, whoAnswers } from './site-probe';
export type { Answer } from './site-probe';
