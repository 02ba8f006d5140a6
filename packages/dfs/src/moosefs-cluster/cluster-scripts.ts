import { shellQuote } from '@hastack/host';
import { MooseFsPorts } from './moosefs-cluster-args';

/** What the master's scripts need to know about where things are on its host. */
export interface MasterPaths {
  /** The live (during a check: candidate) mfsmaster.cfg. */
  configPath: string;
  /** The master's DATA_PATH. */
  dataPath: string;
  /** The empty file system the package ships (`metadata.mfs.empty`). */
  emptyMetadata: string;
  /** The daemons' user. */
  user: string;
}

/**
 * The check of mfsmaster.cfg and mfsexports.cfg together, run with both candidates in place. MooseFS 3.0
 * has no configuration test (`mfsmaster test` only asks whether one is running) and its parsers skip a
 * bad line with a warning, so a refused export or setting would go unnoticed. This starts a scratch
 * master on the candidate files, with its own copy of an empty file system, listening on loopback on
 * ports the kernel picks, and fails on any warning about either file or when it does not start.
 */
export function masterConfigCheck(paths: MasterPaths): string {
  const user = shellQuote(paths.user);
  return [
    'scratch="$(mktemp -d /var/tmp/hastack-mfsmaster-check.XXXXXX)"',
    'pid=""',
    'stop() { if [ -n "$pid" ]; then kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi; rm -rf "$scratch"; }',
    'trap stop EXIT',
    `cp ${shellQuote(paths.emptyMetadata)} "$scratch/metadata.mfs"`,
    `chown -R ${user}:${user} "$scratch"`,
    // A later setting wins in MooseFS configs: everything that could touch the live master is overridden.
    '{',
    `  cat ${shellQuote(paths.configPath)}`,
    '  printf "%s\\n" "DATA_PATH = $scratch" "SYSLOG_IDENT = mfsmaster-check" \\',
    '    "MATOML_LISTEN_HOST = 127.0.0.1" "MATOML_LISTEN_PORT = 0" "MATOCS_LISTEN_HOST = 127.0.0.1" "MATOCS_LISTEN_PORT = 0" \\',
    '    "MATOCL_LISTEN_HOST = 127.0.0.1" "MATOCL_LISTEN_PORT = 0"',
    '} > "$scratch/mfsmaster.cfg"',
    'mfsmaster -c "$scratch/mfsmaster.cfg" -f start > "$scratch/log" 2>&1 &',
    'pid=$!',
    'for _ in $(seq 300); do',
    '  grep -q -e "initialized properly" -e "error occurred" "$scratch/log" && break',
    '  kill -0 "$pid" 2>/dev/null || break',
    '  sleep 0.1',
    'done',
    // Each message is printed twice in the foreground, once with the syslog prefix: keep the plain copy.
    'problems="$(grep -v "^mfsmaster-check\\[" "$scratch/log" | grep -e "bad definition" -e "^mfsexports" -e "error occurred" -e "can.t" || true)"',
    'if [ -n "$problems" ] || ! grep -q "initialized properly" "$scratch/log"; then',
    '  echo "mfsmaster refuses the candidate mfsmaster.cfg/mfsexports.cfg:"',
    '  if [ -n "$problems" ]; then printf "%s\\n" "$problems"; else grep -v "^mfsmaster-check\\[" "$scratch/log" | tail -n 20; fi',
    '  exit 1',
    'fi',
  ].join('\n');
}

/** Signs of a file system on the master: its metadata image, a backup of it, or change logs. */
function existingMetadata(dataPath: string): string {
  return `ls -A ${shellQuote(dataPath)} | grep -q -E '^(metadata\\.mfs(\\.back(\\.[0-9]+)?)?|changelog\\.[0-9]+\\.mfs)$'`;
}

/**
 * A new master starts from the empty file system the package ships; a master that has ever run keeps
 * what it has, whatever state it is in (a crashed one holds only `metadata.mfs.back` and change logs).
 * The package's file is only a marker: a master started on it serves that marker to the metaloggers
 * until its first dump (an hour later), so one start and stop here turns it into real metadata first.
 */
export function metadataInitStep(paths: MasterPaths): { check: string; run: string } {
  const user = shellQuote(paths.user);
  const config = shellQuote(paths.configPath);
  return {
    check: existingMetadata(paths.dataPath),
    run: [
      `install -o ${user} -g ${user} -m 0640 ${shellQuote(paths.emptyMetadata)} ${shellQuote(`${paths.dataPath}/metadata.mfs`)}`,
      `mfsmaster -c ${config} start >/dev/null`,
      `mfsmaster -c ${config} stop >/dev/null`,
    ].join('\n'),
  };
}

const MASTER_LISTEN_WAIT_SECONDS = 60;

/**
 * Lines that mount the whole tree for administration at "$admin", unmounted and removed however the
 * script ends. The master's address is the step's input (it may be another resource's output).
 */
function adminMount(): string[] {
  return [
    'master="$(cat "$STEP_INPUT")"',
    'admin="$(mktemp -d /run/hastack-mfs-admin.XXXXXX)"',
    'trap \'umount "$admin" 2>/dev/null || true; rmdir "$admin"\' EXIT',
    // A master that systemd reports active may still be loading its metadata, not yet listening: under a
    // loaded deploy the first mount found the port closed. A minute's wait; mfsmount then tells why it failed.
    `for _ in $(seq ${MASTER_LISTEN_WAIT_SECONDS}); do timeout 1 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$master" ${MooseFsPorts.client} 2>/dev/null && break; sleep 1; done`,
    `mfsmount "$admin" -H "$master" -P ${MooseFsPorts.client} >/dev/null`,
  ];
}

/**
 * The goal of the exported tree, set once through an admin mount: `mfssetgoal -r` changes what is there
 * and new files inherit their folder's goal. MooseFS 3.0 has no master setting for a default goal (a new
 * file system's root starts at 2, which this makes explicit and keeps). Give the master's address as
 * the step's stdin.
 */
export function goalStep(goal: number): { check: string; run: string } {
  return {
    check: [...adminMount(), `test "$(mfsgetgoal "$admin" | awk '{print $NF}')" = ${goal}`].join('\n'),
    run: [...adminMount(), `mfssetgoal -r ${goal} "$admin" >/dev/null`].join('\n'),
  };
}

/**
 * Data kept from an earlier deployment (destroy keeps it by default) belongs to the `mfs` account of
 * back then, which destroy removed: its files are given to the account of now, whatever its number.
 */
export function dataOwnerStep(folders: readonly string[], user: string): { check: string; run: string } {
  const paths = folders.map(shellQuote).join(' ');
  return {
    check: `! find ${paths} ! -user ${shellQuote(user)} -print -quit | grep -q .`,
    run: `chown -R ${shellQuote(user)}:${shellQuote(user)} ${paths}`,
  };
}

/** Each storage folder must exist and be writable by the daemon's user before a chunkserver takes it. */
export function storageCheck(folders: readonly string[], user: string): string {
  return [
    `for folder in ${folders.map(shellQuote).join(' ')}; do`,
    `  if ! runuser -u ${shellQuote(user)} -- test -d "$folder" -a -w "$folder"; then echo "storage folder $folder is not a folder ${user} can write"; exit 1; fi`,
    'done',
  ].join('\n');
}
