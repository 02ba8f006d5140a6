import { renderResourceCfg } from './render-resource-cfg';
import type { NagiosLayout } from './render-nagios-cfg';

describe('renderResourceCfg', () => {
  it('makes $USER1$ the plugin folder', () => {
    const layout = { pluginDir: '/usr/lib64/nagios/plugins' } as NagiosLayout;
    expect(renderResourceCfg(layout)).toBe('# Managed by hastack (monitoring NagiosServer); edits are overwritten.\n$USER1$=/usr/lib64/nagios/plugins\n');
  });
});
