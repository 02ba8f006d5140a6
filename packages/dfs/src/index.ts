export * from './moosefs-cluster';
export * from './moosefs-mount';
export * from './mfscli';
export type { TierCheck } from './checks';
export * from './operations';
