/**
 * One thing monitoring should check about the tier: a command run on a host (through the monitoring
 * tier's agent there) that exits 0 when all is well and otherwise prints what is wrong.
 */
export interface TierCheck {
  /** The host's name (as in the inventory) the command runs on. */
  host: string;
  /** Short name, unique on that host, e.g. "moosefs-master". */
  name: string;
  /** bash command; exit 0 is OK, anything else CRITICAL. */
  command: string;
}
