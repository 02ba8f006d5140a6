export * from './os-profile';
