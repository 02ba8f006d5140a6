import type { DiffResult } from '@pulumi/pulumi/provider';
import { isDeepStrictEqual } from 'node:util';
import { PropertyMap, containsUnknown, reveal } from './property-values';

/**
 * Compares the inputs in the old state with the new inputs. Secretness alone is no change; an unknown
 * value (preview) is one. Changed keys listed in `replaceKeys` ask for a replacement.
 */
export function diffInputs(olds: PropertyMap, news: PropertyMap, keys: readonly string[], replaceKeys: readonly string[]): DiffResult {
  const changed = keys.filter((key) => containsUnknown(news[key]) || !isDeepStrictEqual(reveal(olds[key] ?? null), reveal(news[key] ?? null)));
  return { changes: changed.length > 0, replaces: changed.filter((key) => replaceKeys.includes(key)) };
}
