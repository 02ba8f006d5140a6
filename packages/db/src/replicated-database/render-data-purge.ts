import { bashScript, shellQuote } from '@hastack/host';

/** What destroy runs on a member with purgeData: its folders removed, whatever they hold. */
export function renderDataPurge(paths: readonly string[]): string {
  return bashScript([`rm -rf -- ${paths.map(shellQuote).join(' ')}`]);
}
