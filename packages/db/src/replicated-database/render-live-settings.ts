import { bashScript, shellQuote } from '@hastack/host';
import { renderDynamicSettingsSql, ServerConf } from './render-server-conf';

/**
 * Applies the settings a running server takes without a restart. The option file holds them too;
 * applying them live spares a restart when only they change.
 */
export function renderLiveSettings(conf: ServerConf): string {
  return bashScript([
    `mariadb --protocol=socket -e ${shellQuote(renderDynamicSettingsSql(conf))}`,
    // A replica reads its semi-sync setting when its I/O thread starts.
    "if [ -n \"$(mariadb --protocol=socket -N -e 'SHOW SLAVE STATUS')\" ]; then mariadb --protocol=socket -e 'STOP SLAVE IO_THREAD; START SLAVE IO_THREAD'; fi",
  ]);
}
