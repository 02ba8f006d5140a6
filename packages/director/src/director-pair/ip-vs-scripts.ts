const MODULES_FILE = '/etc/modules-load.d/hastack-ip_vs.conf';

/** Loads ip_vs now and at every boot; the IPVS sysctls exist only once it is loaded. */
export function loadIpVsScript(): string[] {
  return [`printf 'ip_vs\\n' > ${MODULES_FILE}`, 'modprobe ip_vs'];
}

/** Clears what keepalived may have left in the IPVS table, then unloads the modules if nothing uses them. */
export function unloadIpVsScript(): string[] {
  return [
    `rm -f ${MODULES_FILE}`,
    'if command -v ipvsadm >/dev/null; then ipvsadm -C; fi',
    'for module in $(lsmod | awk \'$1 ~ /^ip_vs_/ {print $1}\') ip_vs; do modprobe -r "$module" 2>/dev/null || true; done',
  ];
}
