export { OneOffStep, validateOneOffStepArgs } from './one-off-step';
export type { OneOffStepArgs } from './one-off-step';
export { runStepScript, undoStepScript } from './one-off-step-scripts';
export type { StepScripts } from './one-off-step-scripts';
