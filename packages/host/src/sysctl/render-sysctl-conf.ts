export type SysctlSettings = Readonly<Record<string, string | number>>;

const KEY = /^[a-z0-9_]+(\.[a-zA-Z0-9_-]+)+$/;
const VALUE = /^[^\n=#]+$/;

/** One `key = value` line per setting, sorted, for /etc/sysctl.d. */
export function renderSysctlConf(settings: SysctlSettings): string {
  const keys = Object.keys(settings).sort();
  if (keys.length === 0) throw new Error('sysctl settings: at least one key is required');
  return keys
    .map((key) => {
      const value = String(settings[key]).trim();
      if (!KEY.test(key)) throw new Error(`sysctl settings: "${key}" is not a sysctl key (like net.ipv4.ip_forward)`);
      if (!VALUE.test(value)) throw new Error(`sysctl settings: ${key} has an invalid value ${JSON.stringify(value)}`);
      return `${key} = ${value}\n`;
    })
    .join('');
}
