export { repointAppDatabaseScript } from './repoint-app-database';
