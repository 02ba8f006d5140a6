export * from './web-server';
