export * from './property-values';
export * from './dispatching-provider';
export * from './diff-inputs';
