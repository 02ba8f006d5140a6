const started = Date.now();

function stamp(): string {
  return `[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s]`;
}

export function progress(message: string): void {
  process.stderr.write(`lab ${stamp()} ${message}\n`);
}

/** Runs one step of lab:up or lab:down, printing when it starts and how long it took. */
export async function step<T>(title: string, work: () => Promise<T>): Promise<T> {
  const begin = Date.now();
  progress(`${title} ...`);
  const result = await work();
  progress(`${title}: done in ${((Date.now() - begin) / 1000).toFixed(1)} s`);
  return result;
}
