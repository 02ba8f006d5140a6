import * as pulumi from '@pulumi/pulumi';
import { Host, hostCommand } from '../connection';
import { bashScript } from '../shell';

export interface RecordedHostKeyArgs {
  /** The host, reached without verifying its key: this is the one connection that trusts whoever answers. */
  host: Host;
}

/** The key types sshd generates on the supported systems, strongest first: the first one the host has is pinned. */
const KEY_TYPES = ['ed25519', 'ecdsa', 'rsa'] as const;

/** Prints the host's public key as an authorized_keys line without its comment. */
export function readHostKeyScript(): string[] {
  return [
    `for type in ${KEY_TYPES.join(' ')}; do`,
    '  file="/etc/ssh/ssh_host_${type}_key.pub"',
    '  if [[ -r "$file" ]]; then cut -d " " -f 1,2 "$file"; exit 0; fi',
    'done',
    'echo "no SSH host key in /etc/ssh: sshd cannot be running with a generated key" >&2',
    'exit 1',
  ];
}

/**
 * Trust on first use, as OpenSSH's `StrictHostKeyChecking accept-new`: the first deployment reads the host's
 * key and keeps it in the stack's state; every later connection verifies it, so a host that answers with
 * another key gets no command and no secret. Nothing makes it read again: not a new address, not a new
 * key. A host rebuilt on purpose gets its new key named in the description (which wins), or this record
 * replaced (`pulumi up --replace <its URN>`).
 */
export class RecordedHostKey extends pulumi.ComponentResource {
  /** The host's key as an authorized_keys line ("ssh-ed25519 AAAA..."). */
  public readonly publicKey: pulumi.Output<string>;

  constructor(name: string, args: RecordedHostKeyArgs, opts?: pulumi.ComponentResourceOptions) {
    super('hastack:host:RecordedHostKey', name, {}, opts);
    const read = hostCommand(name, args.host, { create: bashScript(readHostKeyScript()) }, { parent: this, ignoreChanges: ['connection'] });
    this.publicKey = read.stdout.apply((line) => line.trim());
    this.registerOutputs({ publicKey: this.publicKey });
  }
}
