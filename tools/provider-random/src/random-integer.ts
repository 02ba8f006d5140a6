import { createHash, randomInt } from 'node:crypto';
import { reveal } from '@hastack/provider-kit';
import type { RandomResource } from './random-resource';
import { InputCheck } from './random-resource';

export const RANDOM_INTEGER_TYPE = 'random:index/randomInteger:RandomInteger';

/**
 * A whole number in [min, max]. With a seed the choice is a function of the seed (and the range), so it
 * is repeatable here; upstream derives it from Go's math/rand, which this provider cannot reproduce.
 */
export function pickInteger(min: number, max: number, seed?: string): number {
  const span = max - min + 1;
  if (seed === undefined || seed === '') return min + randomInt(span);
  const digest = createHash('sha256').update(seed).digest();
  // 64 bits of the digest modulo the span: the bias is negligible for any span a program would use.
  return min + Number(digest.readBigUInt64BE(0) % BigInt(span));
}

export const randomInteger: RandomResource = {
  inputKeys: ['min', 'max', 'seed', 'keepers'],
  check(inputs) {
    const check = new InputCheck(inputs);
    check.integer('min', { required: true });
    check.integer('max', { required: true });
    check.type('seed', 'string');
    check.keepers();
    const { min, max } = reveal(inputs) as { min: number; max: number };
    if (check.failures.length === 0 && check.known('min') && check.known('max') && max < min) {
      check.fail('max', 'max must not be less than min');
    }
    return { inputs, failures: check.failures };
  },
  async generate(inputs) {
    const result = pickInteger(inputs.min as number, inputs.max as number, inputs.seed as string | undefined);
    return { id: String(result), outputs: { result } };
  },
};
