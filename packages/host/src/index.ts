export * from './os-profile';
export * from './connection';
export * from './shell';
export * from './packages';
export * from './config-file';
export * from './service';
export * from './sysctl';
export * from './scheduled-job';
