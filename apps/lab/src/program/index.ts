export { DEMO_APP_DIR, labProgram } from './lab-program';
export type { LabOptions, LabOutputs } from './lab-program';
