export * from './os-profiles';
