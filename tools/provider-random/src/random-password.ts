import { hash } from 'bcryptjs';
import { secret } from '@hastack/provider-kit';
import { CharacterOptions, randomCharacters } from './random-characters';
import type { RandomResource } from './random-resource';
import { STRING_INPUT_KEYS, checkStringInputs } from './string-inputs';

export const RANDOM_PASSWORD_TYPE = 'random:index/randomPassword:RandomPassword';

// Upstream's cost; bcrypt itself only reads the first 72 bytes of the password.
const BCRYPT_COST = 10;

/** RandomPassword: a RandomString whose `result` and `bcryptHash` are secrets and whose ID says nothing. */
export const randomPassword: RandomResource = {
  inputKeys: STRING_INPUT_KEYS,
  check: checkStringInputs,
  async generate(inputs) {
    const result = randomCharacters(inputs as unknown as CharacterOptions);
    return { id: 'none', outputs: { result: secret(result), bcryptHash: secret(await hash(result, BCRYPT_COST)) } };
  },
};
