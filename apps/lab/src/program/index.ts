export { labProgram } from './lab-program';
export type { LabOutputs } from './lab-program';
