export type { TierCheck } from '@hastack/host';
