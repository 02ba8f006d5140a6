import { RealServerVip } from '@hastack/director';
import { WebServer } from '@hastack/web';
import type { SiteContext } from '../site-context';

/** Every `web` host: the real-server VIP on lo first, then Apache. */
export function composeWeb(site: SiteContext): WebServer[] {
  return site.hostsWith('web').map(({ host }) => {
    const vip = new RealServerVip(`${host.name}-real-server`, { host, vips: [site.description.vip] }, { parent: site.parent });
    return new WebServer(`${host.name}-web`, { host }, { parent: site.parent, dependsOn: vip });
  });
}
