import { pickInteger, randomInteger } from './random-integer';

describe('RandomInteger', () => {
  it('stays within the inclusive range and reaches both ends', () => {
    const seen = new Set(Array.from({ length: 500 }, () => pickInteger(1, 3)));
    expect([...seen].sort()).toEqual([1, 2, 3]);
  });

  it('repeats itself for the same seed', () => {
    expect(pickInteger(0, 1_000_000, 'web')).toBe(pickInteger(0, 1_000_000, 'web'));
  });

  it('uses the decimal result as ID', async () => {
    const { id, outputs } = await randomInteger.generate({ min: 7, max: 7 });
    expect(outputs).toEqual({ result: 7 });
    expect(id).toBe('7');
  });

  it('refuses max below min', () => {
    expect(randomInteger.check({ min: 5, max: 4 }).failures).toEqual([expect.objectContaining({ property: 'max' })]);
  });
});
