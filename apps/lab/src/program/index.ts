export { labProgram, LabTiers } from './lab-program';
export type { LabOptions, LabOutputs, LabTier } from './lab-program';
