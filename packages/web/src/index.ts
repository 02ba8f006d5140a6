export * from './web-server';
export * from './app-release';
export * from './checks';
export * from './operations';
