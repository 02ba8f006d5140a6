export { DEMO_APP_DIR, LAB_CHECK_INTERVALS, LAB_SMS_RECIPIENT, labProgram } from './lab-program';
export type { LabOptions, LabOutputs } from './lab-program';
