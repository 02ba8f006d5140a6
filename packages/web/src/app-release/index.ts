export { appDigest } from './app-digest';
export { APP_INDEX_FILES, validateAppReleaseArgs } from './app-release-args';
export type { AppReleaseArgs } from './app-release-args';
export { renderReleaseScript } from './render-release-script';
export type { ReleaseScriptOptions } from './render-release-script';
