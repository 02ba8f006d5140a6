export { ScheduledJob } from './scheduled-job';
export type { ScheduledJobArgs } from './scheduled-job';
export { renderJobScript, renderJobUnits } from './render-job-units';
export type { JobUnitOptions, JobUnits } from './render-job-units';
