import type { NagiosLayout } from './render-nagios-cfg';

/** The resource file: `$USER1$` is the plugin folder, as every Nagios sample config expects. */
export function renderResourceCfg(layout: NagiosLayout): string {
  return ['# Managed by hastack (monitoring NagiosServer); edits are overwritten.', `$USER1$=${layout.pluginDir}`].join('\n') + '\n';
}
