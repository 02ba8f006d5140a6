import { secret } from '@hastack/provider-kit';
import { checkStringInputs } from './string-inputs';

describe('checkStringInputs', () => {
  it('fills in the upstream defaults', () => {
    expect(checkStringInputs({ length: 16 })).toEqual({
      inputs: {
        length: 16,
        upper: true,
        lower: true,
        numeric: true,
        number: true,
        special: true,
        minUpper: 0,
        minLower: 0,
        minNumeric: 0,
        minSpecial: 0,
      },
      failures: [],
    });
  });

  it('keeps number and numeric in agreement, and reports a disagreement', () => {
    expect(checkStringInputs({ length: 8, number: false }).inputs).toMatchObject({ number: false, numeric: false });
    expect(checkStringInputs({ length: 8, numeric: false }).inputs).toMatchObject({ number: false, numeric: false });
    expect(checkStringInputs({ length: 8, number: true, numeric: false }).failures).toEqual([expect.objectContaining({ property: 'number' })]);
  });

  it('treats an empty overrideSpecial as unset', () => {
    expect(checkStringInputs({ length: 8, overrideSpecial: '' }).inputs).not.toHaveProperty('overrideSpecial');
  });

  it('requires a length that holds the minimums and at least one class', () => {
    const failures = (inputs: Record<string, unknown>) => checkStringInputs(inputs).failures.map((f) => f.property);
    expect(failures({})).toEqual(['length']);
    expect(failures({ length: 0 })).toEqual(['length']);
    expect(failures({ length: 3, minUpper: 2, minSpecial: 2 })).toEqual(['length']);
    expect(failures({ length: 3, upper: false, lower: false, numeric: false, special: false })).toEqual(['upper']);
    expect(failures({ length: 3, minLower: -1, keepers: { a: 1 } })).toEqual(['minLower', 'keepers']);
  });

  it('checks secret and unknown values without revealing them in the result', () => {
    const length = secret(12);
    expect(checkStringInputs({ length }).inputs.length).toBe(length);
    expect(checkStringInputs({ length: '04da6b54-80e4-46f7-96ec-b56ff0331ba9' }).failures).toEqual([]);
  });
});
