export { labProgram } from './lab-program';
export type { LabOptions, LabOutputs } from './lab-program';
