export { RecordedHostKey, readHostKeyScript } from './recorded-host-key';
export type { RecordedHostKeyArgs } from './recorded-host-key';
