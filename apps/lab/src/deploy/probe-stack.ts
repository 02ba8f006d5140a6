import { readFileSync } from 'node:fs';
import * as pulumi from '@pulumi/pulumi';
import * as auto from '@pulumi/pulumi/automation';
import { defineHost, Host } from '@hastack/host';
import type { InventoryHost } from '@hastack/inventory';
import { labStackEnvVars, PROJECT_NAME } from './lab-stack';

/** A lab inventory host as the host layer's `Host`, reached with the key the lab made for it. */
export function labHost(entry: InventoryHost): Host {
  if (!entry.privateKeyPath) throw new Error(`host ${entry.name} (${entry.address}) has no privateKeyPath in the lab inventory`);
  return defineHost({ ...entry, privateKey: pulumi.secret(readFileSync(entry.privateKeyPath, 'utf8')) });
}

/**
 * A stack of its own beside the lab stack, in the same project and backend, for a proof that deploys a
 * few primitives onto one host and destroys them again.
 */
export function selectProbeStack(stackName: string, program: auto.PulumiFn): Promise<auto.Stack> {
  return auto.LocalWorkspace.createOrSelectStack(
    { projectName: PROJECT_NAME, stackName, program },
    {
      envVars: labStackEnvVars(stackName),
      secretsProvider: 'passphrase',
      projectSettings: { name: PROJECT_NAME, runtime: 'nodejs', backend: { url: process.env.PULUMI_BACKEND_URL } },
    },
  );
}
