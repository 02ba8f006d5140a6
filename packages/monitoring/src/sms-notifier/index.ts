export * from './sms-notifier-args';
export * from './sms-notifier';
export { notifierProgram } from './notifier-bundle';
export type { NotifierConfig } from './notifier-program/notifier-config';
