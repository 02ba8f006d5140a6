export * from './site';
export * from './operations';
