import { bashScript, shellQuote } from '@hastack/host';
import { METALOGGER_METADATA_FILE } from '../moosefs-cluster/render-metalogger-cfg';

/**
 * On the metalogger: its copy of the metadata and every change log after it, as one base64 tar on
 * stdout. Refuses when it has no metadata copy (a metalogger that never met a master with metadata).
 */
export function metaloggerFilesScript(dataDir: string): string {
  return bashScript([
    `cd ${shellQuote(dataDir)}`,
    `[ -s ${METALOGGER_METADATA_FILE} ] || { echo ${shellQuote(`no metadata copy (${dataDir}/${METALOGGER_METADATA_FILE}) on this metalogger`)} >&2; exit 1; }`,
    `tar -cf - ${METALOGGER_METADATA_FILE} changelog_ml*.mfs | base64 -w0`,
  ]);
}

/** On the master host: whether its master is running and answering (a recovery would roll it back). */
export function masterRunningScript(unit: string): string {
  return bashScript([`if systemctl is-active --quiet ${shellQuote(unit)}; then echo running; else echo stopped; fi`]);
}

/**
 * On the master host, with the metalogger's files (base64 tar) on stdin: stops the master, moves what is
 * left of its metadata aside (nothing is deleted), puts the metalogger's files in its data folder, lets
 * `mfsmaster -a` rebuild the metadata from the copy and the change logs, stops it so it writes a clean
 * metadata file, and starts the service. Prints the folder the old files went to.
 */
export function restoreMasterScript(dataDir: string, unit: string, user: string): string {
  const dir = shellQuote(dataDir);
  return bashScript([
    `systemctl stop ${shellQuote(unit)} || true`,
    `cd ${dir}`,
    'aside="recovered-$(date -u +%Y%m%dT%H%M%SZ)"',
    'mkdir "$aside"',
    // The package's empty file system is no metadata of this one, and checks of a new exports file need it.
    'for f in metadata* changelog*; do if [ -e "$f" ] && [ "$f" != metadata.mfs.empty ]; then mv "$f" "$aside/"; fi; done',
    'base64 -d | tar -xf - -C .',
    `chown ${shellQuote(`${user}:${user}`)} ${METALOGGER_METADATA_FILE} changelog_ml*.mfs`,
    'mfsmaster -a >"$aside/mfsmaster-a.log" 2>&1 || { cat "$aside/mfsmaster-a.log" >&2; exit 1; }',
    'mfsmaster stop >>"$aside/mfsmaster-a.log" 2>&1',
    `systemctl start ${shellQuote(unit)}`,
    `systemctl is-active --quiet ${shellQuote(unit)}`,
    `echo ${dir}/"$aside"`,
  ]);
}

/** On a client: the mount answers, and a file written through it reads back. */
export function mountAnswersScript(mountPath: string): string {
  const probe = `${mountPath}/.hastack-recovery-probe`;
  return bashScript([
    `timeout 30 bash -c ${shellQuote(`echo "$(hostname)" > ${shellQuote(`${probe}.$$`)} && cat ${shellQuote(`${probe}.$$`)} && rm -f ${shellQuote(`${probe}.$$`)}`)}`,
  ]);
}
