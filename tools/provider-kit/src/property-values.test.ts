import { SIGNATURE_KEY, UNKNOWN, containsUnknown, isSecret, resourceName, resourceType, reveal, secret, secretStrings } from './property-values';

describe('property values', () => {
  it('wraps secrets in the wire format the engine recognises', () => {
    expect(secret('x')).toEqual({ [SIGNATURE_KEY]: '1b47061264138c4ac30d75fd1eb44270', value: 'x' });
    expect(isSecret(secret('x'))).toBe(true);
    expect(isSecret({ value: 'x' })).toBe(false);
  });

  it('reveals nested secrets', () => {
    const wire = secret({ host: 'h', privateKey: secret('k'), list: [secret(1)] });
    expect(reveal(wire)).toEqual({ host: 'h', privateKey: 'k', list: [1] });
  });

  it('finds unknowns at any depth', () => {
    expect(containsUnknown({ a: [1, { b: UNKNOWN }] })).toBe(true);
    expect(containsUnknown({ a: [1, { b: 'known' }] })).toBe(false);
  });

  it('collects the strings held in secrets only', () => {
    expect(secretStrings({ user: 'root', password: secret('pw'), env: secret({ A: 'a', N: 1 }) })).toEqual(['pw', 'a']);
  });

  it('reads the name and type of a resource from its URN', () => {
    const urn = 'urn:pulumi:dev::proj::my:index:Parent$command:remote:Command::web-1-install';
    expect(resourceName(urn)).toBe('web-1-install');
    expect(resourceType(urn)).toBe('command:remote:Command');
  });
});
