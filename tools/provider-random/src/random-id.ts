import { randomBytes } from 'node:crypto';
import type { RandomResource } from './random-resource';
import { InputCheck } from './random-resource';

export const RANDOM_ID_TYPE = 'random:index/randomId:RandomId';

/** The encodings of RandomId's bytes, each behind the optional prefix; the ID is the bare URL-safe form. */
export function idEncodings(bytes: Buffer, prefix = '') {
  return {
    hex: prefix + bytes.toString('hex'),
    b64Std: prefix + bytes.toString('base64'),
    b64Url: prefix + bytes.toString('base64url'),
    dec: prefix + BigInt(`0x${bytes.toString('hex') || '0'}`).toString(10),
  };
}

export const randomId: RandomResource = {
  inputKeys: ['byteLength', 'prefix', 'keepers'],
  check(inputs) {
    const check = new InputCheck(inputs);
    check.integer('byteLength', { required: true, min: 1 });
    check.type('prefix', 'string');
    check.keepers();
    return { inputs, failures: check.failures };
  },
  async generate(inputs) {
    const bytes = randomBytes(inputs.byteLength as number);
    return { id: bytes.toString('base64url'), outputs: idEncodings(bytes, inputs.prefix as string | undefined) };
  },
};
