import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { settle } from './pulumi-mocks';
import type { RecordedResource } from './pulumi-mocks';

/**
 * Checks that a library's README shows `src/examples/readme-example.ts` verbatim, then runs the
 * example's exported function under the mocks and returns what it registered.
 */
export async function runReadmeExample(libraryDir: string, recorded: RecordedResource[], ...args: unknown[]): Promise<RecordedResource[]> {
  const examplePath = join(libraryDir, 'src/examples/readme-example.ts');
  const readme = readFileSync(join(libraryDir, 'README.md'), 'utf8');
  if (!readme.includes(readFileSync(examplePath, 'utf8').trim())) {
    throw new Error(`${libraryDir}/README.md does not show src/examples/readme-example.ts as it is`);
  }
  const example = (await import(examplePath)) as Record<string, (privateKey: string, ...args: unknown[]) => unknown>;
  const before = recorded.length;
  Object.values(example)[0]('PRIVATE KEY', ...args);
  await settle();
  return recorded.slice(before);
}
