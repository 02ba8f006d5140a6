import type { OpsShell } from '@hastack/host';
import type { InventoryHost } from '@hastack/inventory';
import { labSsh } from '@hastack/lab-machines';

/** An operations shell on a lab host, over the lab's SSH key: a failure names the host and its address. */
export function labOpsShell(host: InventoryHost, timeoutMs = 120000): OpsShell {
  return {
    name: host.name,
    async run(script, input) {
      const result = await labSsh(host, script, { timeoutMs, input });
      if (result.code !== 0) {
        throw new Error(`${host.name} (${host.address}): exited ${result.code}: ${(result.stderr || result.stdout).trim()}`);
      }
      return result.stdout;
    },
  };
}
