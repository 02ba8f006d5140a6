export { APP_SETTINGS_PATH, drainFlagPath, HEALTH_PATH, HTTP_PORT, WebServer } from './web-server';
export { validateWebServerArgs } from './web-server-args';
export type { AppDatabase, WebServerArgs } from './web-server-args';
export { HEALTH_DIR, HIDDEN_PATHS, RELEASES_DIR, RELEASES_URL_PATH, renderApacheConf, renderSitePages, WELL_KNOWN_DIR } from './render-site';
export type { ApacheConfOptions, SitePages } from './render-site';
export { renderAppSettings } from './render-app-settings';
export type { AppSettings } from './render-app-settings';
