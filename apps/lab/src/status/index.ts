export { collectLabStatus, formatLabStatus, vipOwnership } from './lab-status';
export type { LabStatus, VipOwnership } from './lab-status';
export { answerOf, sampleSite, whoAnswers } from './site-probe';
export type { Answer } from './site-probe';
