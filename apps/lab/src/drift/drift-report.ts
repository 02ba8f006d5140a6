/** A resource of an exported deployment, as far as the drift report reads it. */
interface ExportedResource {
  urn: string;
  type: string;
  outputs?: Record<string, unknown>;
}

/** What the last refresh's drift probes found on one resource. */
export interface DriftedResource {
  /** The name the program gave the resource (its host's name is in it). */
  name: string;
  /** What the probe printed: one line per way the host differs. */
  lines: string[];
}

const REMOTE_COMMAND = 'command:remote:Command';

/** The remote commands of a deployment export, and those whose probe found drift in the last refresh. */
export function driftedResources(deployment: { resources?: ExportedResource[] }): { drifted: DriftedResource[]; checked: number } {
  const commands = (deployment.resources ?? []).filter((resource) => resource.type === REMOTE_COMMAND);
  const drifted = commands
    .map((resource) => ({ name: resource.urn.slice(resource.urn.lastIndexOf('::') + 2), lines: driftLines(resource.outputs?.drift) }))
    .filter((resource) => resource.lines.length > 0)
    .sort((a, b) => a.name.localeCompare(b.name));
  return { drifted, checked: commands.length };
}

function driftLines(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((line): line is string => typeof line === 'string') : [];
}

/** The report: a line per drifted thing, `<resource>: <what differs>`. */
export function formatDrift(drifted: readonly DriftedResource[]): string[] {
  return drifted.flatMap((resource) => resource.lines.map((line) => `${resource.name}: ${line}`));
}
