export { drainFlagPath, WebServer } from './web-server';
export type { WebServerArgs } from './web-server';
export { renderApacheConf, renderSitePages } from './render-site';
export type { ApacheConfOptions, SitePages } from './render-site';
