import type { CheckFailure } from '@pulumi/pulumi/provider';
import { PropertyMap, reveal } from '@hastack/provider-kit';
import { InputCheck } from './random-resource';

export const STRING_INPUT_KEYS = [
  'length',
  'upper',
  'lower',
  'numeric',
  'number',
  'special',
  'minUpper',
  'minLower',
  'minNumeric',
  'minSpecial',
  'overrideSpecial',
  'keepers',
] as const;

const CLASSES = ['upper', 'lower', 'numeric', 'special'] as const;
const MINIMUMS = ['minUpper', 'minLower', 'minNumeric', 'minSpecial'] as const;

/**
 * The inputs of RandomString and RandomPassword with the upstream defaults filled in (every class on,
 * no minimums), `number` and its replacement `numeric` kept in agreement, and an empty
 * `overrideSpecial` dropped (upstream treats "" as unset).
 */
export function checkStringInputs(news: PropertyMap): { inputs: PropertyMap; failures: CheckFailure[] } {
  const inputs: PropertyMap = { ...news };
  if (reveal(inputs.overrideSpecial) === '') delete inputs.overrideSpecial;
  if (inputs.numeric === undefined && inputs.number !== undefined) inputs.numeric = inputs.number;
  for (const key of CLASSES) inputs[key] ??= true;
  inputs.number ??= inputs.numeric;
  for (const key of MINIMUMS) inputs[key] ??= 0;

  const check = new InputCheck(inputs);
  check.integer('length', { required: true, min: 1 });
  for (const key of MINIMUMS) check.integer(key, { min: 0 });
  for (const key of [...CLASSES, 'number']) check.type(key, 'boolean');
  check.type('overrideSpecial', 'string');
  check.keepers();

  const known = (keys: readonly string[]) => keys.every((key) => check.known(key));
  const values = reveal(inputs) as Record<string, number & boolean>;
  if (known(['number', 'numeric']) && values.number !== values.numeric) {
    check.fail('number', 'number and numeric must agree (number is the deprecated name of numeric)');
  }
  if (known(CLASSES) && CLASSES.every((key) => values[key] === false)) {
    check.fail('upper', 'at least one of upper, lower, numeric and special must be true');
  }
  if (check.failures.length === 0 && known(['length', ...MINIMUMS])) {
    const sum = MINIMUMS.reduce((total, key) => total + values[key], 0);
    if (values.length < sum) check.fail('length', `length must be at least the sum of the minimums (${sum})`);
  }
  return { inputs, failures: check.failures };
}
