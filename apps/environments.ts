// The program of the root Pulumi.yaml: the environment is chosen by the stack's name, so the plain CLI
// runs `--stack lab` (the lab's inventory file) and `--stack production` (a description in stack
// configuration) alike. Any other stack is described in its own stack configuration, like production.
import { readFileSync } from 'node:fs';
import * as pulumi from '@pulumi/pulumi';
import { UserError } from '@hastack/host';
import { readInventory } from '@hastack/lab-machines';
import { labProgram } from './lab/src/program';
import { configuredProgram } from './production/src/production-program';

/** The passphrase as the CLI reads it: PULUMI_CONFIG_PASSPHRASE, even empty, before the trimmed content of PULUMI_CONFIG_PASSPHRASE_FILE. */
function passphraseInUse(): string | undefined {
  const { PULUMI_CONFIG_PASSPHRASE: passphrase, PULUMI_CONFIG_PASSPHRASE_FILE: file } = process.env;
  if (passphrase !== undefined) return passphrase;
  if (!file) return undefined;
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    // The CLI reports a file it cannot read; a path relative to another directory the project's `pulumi` has compared.
    return undefined;
  }
}

const stack = pulumi.getStack();
const labPassphrase = process.env.HASTACK_LAB_PASSPHRASE;
if (stack !== 'lab' && labPassphrase !== undefined && passphraseInUse() === labPassphrase) {
  throw new UserError(
    `stack "${stack}" would keep its secrets under the lab's published passphrase: set PULUMI_CONFIG_PASSPHRASE ` +
      '(or PULUMI_CONFIG_PASSPHRASE_FILE) to its own, or move it to another secrets provider (pulumi stack change-secrets-provider)',
  );
}

function labEnvironment() {
  try {
    return labProgram(readInventory());
  } catch (error) {
    throw new UserError((error as Error).message);
  }
}

// The program is exported as a function, not as its running promise: the runtime calls it and awaits it at once,
// so a refused description is one handled rejection (one line), not an unhandled one that Node warns about.
export = stack === 'lab' ? labEnvironment() : configuredProgram();
