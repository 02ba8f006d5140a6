export * from './tier-check';
