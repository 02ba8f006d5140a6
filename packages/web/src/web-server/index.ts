export { APP_SETTINGS_PATH, drainFlagPath, WebServer } from './web-server';
export type { AppDatabase, WebServerArgs } from './web-server';
export { renderApacheConf, renderSitePages } from './render-site';
export type { ApacheConfOptions, SitePages } from './render-site';
export { renderAppSettings } from './render-app-settings';
export type { AppSettings } from './render-app-settings';
