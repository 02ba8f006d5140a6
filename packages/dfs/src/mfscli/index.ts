export * from './mfscli';
