import * as os from 'node:os';
import * as path from 'node:path';

/** Where the lab keeps its state (inside the clone, git-ignored) and its caches (per user, outside it). */
export interface LabPaths {
  readonly repoRoot: string;
  /** `.lab/` of the clone: everything a running lab owns, and nothing outside it but kernel objects. */
  readonly labDir: string;
  readonly hostsDir: string;
  readonly runDir: string;
  readonly logsDir: string;
  readonly privateKey: string;
  readonly knownHosts: string;
  readonly inventory: string;
  /** How to reach the stranger, the lab host the inventory leaves out. */
  readonly stranger: string;
  readonly smsDir: string;
  readonly smsRecords: string;
  /** Built images and the package mirror, shared by every clone of the user. */
  readonly cacheDir: string;
  readonly defaultTopology: string;
}

export function labPaths(env: NodeJS.ProcessEnv = process.env): LabPaths {
  const repoRoot = env.HASTACK_ROOT ?? path.resolve(__dirname, '../../..');
  const labDir = path.join(repoRoot, '.lab');
  const userCache = env.HASTACK_CACHE ?? path.join(env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'hastack');
  const sshDir = path.join(labDir, 'ssh');
  const smsDir = path.join(labDir, 'sms');
  return {
    repoRoot,
    labDir,
    hostsDir: path.join(labDir, 'hosts'),
    runDir: path.join(labDir, 'run'),
    logsDir: path.join(labDir, 'logs'),
    privateKey: path.join(sshDir, 'id_ed25519'),
    knownHosts: path.join(sshDir, 'known_hosts'),
    inventory: path.join(labDir, 'inventory.json'),
    stranger: path.join(labDir, 'stranger.json'),
    smsDir,
    smsRecords: path.join(smsDir, 'requests.jsonl'),
    cacheDir: path.join(userCache, 'lab'),
    defaultTopology: path.join(repoRoot, 'tools/lab-machines/topology.json'),
  };
}
