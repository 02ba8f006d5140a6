import * as pulumi from '@pulumi/pulumi';
import { Host, hostCommand } from '../connection';
import { bashScript } from '../shell';
import { hostFactsScript, OsRelease, parseOsRelease } from './host-facts-scripts';

export interface HostFactsArgs {
  /** The host whose declared OS is checked. */
  host: Host;
}

/**
 * What a host is, read from it at deploy time (/etc/os-release), and a refusal, before anything else
 * runs there, when it contradicts the inventory: `host web1 (198.18.0.21) is declared rocky-9 but
 * /etc/os-release says debian 12`. Components get it through `hostReady(host)`.
 */
export class HostFacts extends pulumi.ComponentResource {
  /** ID and VERSION_ID of /etc/os-release. */
  public readonly osRelease: pulumi.Output<OsRelease>;

  constructor(name: string, args: HostFactsArgs, opts?: pulumi.ComponentResourceOptions) {
    super('hastack:host:HostFacts', name, {}, opts);
    const { host } = args;
    const read = hostCommand(
      `${name}-os-release`,
      host,
      { create: pulumi.output(host.address).apply((address) => bashScript(hostFactsScript({ name: host.name, address, os: host.profile.os }))) },
      { parent: this },
    );
    this.osRelease = read.stdout.apply(parseOsRelease);
    this.registerOutputs({ osRelease: this.osRelease });
  }
}

// One per Host object, that is per host per program run (an Automation API process runs programs
// again and again; each run defines its hosts anew).
const checked = new WeakMap<Host, HostFacts>();

/**
 * The host's `HostFacts`, created on first use: what every component that changes a host depends on, so
 * that a host declared as another OS is refused before anything is installed or written there.
 */
export function hostReady(host: Host): pulumi.Resource {
  let facts = checked.get(host);
  if (!facts) {
    facts = new HostFacts(`${host.name}-host-facts`, { host });
    checked.set(host, facts);
  }
  return facts;
}
