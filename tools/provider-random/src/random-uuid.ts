import { randomBytes } from 'node:crypto';
import type { RandomResource } from './random-resource';
import { InputCheck } from './random-resource';

export const RANDOM_UUID_TYPE = 'random:index/randomUuid:RandomUuid';

/** 16 random bytes in the 8-4-4-4-12 layout; like upstream, the version and variant bits are not set. */
export function formatUuid(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join('-');
}

export const randomUuid: RandomResource = {
  inputKeys: ['keepers'],
  check(inputs) {
    const check = new InputCheck(inputs);
    check.keepers();
    return { inputs, failures: check.failures };
  },
  async generate() {
    const result = formatUuid(randomBytes(16));
    return { id: result, outputs: { result } };
  },
};
