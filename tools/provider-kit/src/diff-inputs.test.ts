import { diffInputs } from './diff-inputs';
import { UNKNOWN, secret } from './property-values';

const keys = ['create', 'triggers', 'environment'];

describe('diffInputs', () => {
  it('sees no change when only secretness differs', () => {
    expect(diffInputs({ create: 'x' }, { create: secret('x') }, keys, ['triggers'])).toEqual({
      changes: false,
      replaces: [],
    });
  });

  it('updates in place for an ordinary change and replaces for a trigger', () => {
    expect(diffInputs({ create: 'a' }, { create: 'b' }, keys, ['triggers'])).toEqual({ changes: true, replaces: [] });
    expect(diffInputs({ triggers: [1] }, { triggers: [2] }, keys, ['triggers'])).toEqual({
      changes: true,
      replaces: ['triggers'],
    });
  });

  it('treats an unknown value as a change', () => {
    expect(diffInputs({ environment: { A: 'a' } }, { environment: { A: UNKNOWN } }, keys, [])).toEqual({
      changes: true,
      replaces: [],
    });
  });

  it('ignores outputs and treats a missing input like an absent one', () => {
    expect(diffInputs({ stdout: 'old', create: 'a', triggers: null }, { create: 'a' }, keys, [])).toEqual({
      changes: false,
      replaces: [],
    });
  });
});
