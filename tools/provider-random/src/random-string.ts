import { CharacterOptions, randomCharacters } from './random-characters';
import type { RandomResource } from './random-resource';
import { STRING_INPUT_KEYS, checkStringInputs } from './string-inputs';

export const RANDOM_STRING_TYPE = 'random:index/randomString:RandomString';

/** RandomString: the generated string is both its `result` and its ID, in clear. */
export const randomString: RandomResource = {
  inputKeys: STRING_INPUT_KEYS,
  check: checkStringInputs,
  async generate(inputs) {
    const result = randomCharacters(inputs as unknown as CharacterOptions);
    return { id: result, outputs: { result } };
  },
};
