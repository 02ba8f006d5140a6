// What tests and the lab stack use of the lab tool.
export { labInventoryPath, readInventory } from './inventory/inventory';
export { labStranger } from './inventory/stranger';
export type { LabStranger } from './inventory/stranger';
export { labSsh, labSshOrThrow } from './ssh/ssh';
export type { LabSshOptions, LabSshTarget } from './ssh/ssh';
export type { RunResult } from './exec';
export { readSmsRecords } from './sms-sink/records';
export type { SmsRecord } from './sms-sink/sms-sink';
export { LabSmsCredentials, labSmsSettings } from './sms-sink/lab-sms-credentials';
export { MirrorProbePackage } from './mirror/mirror';
export { labLeftovers } from './leftovers';
