import { compare } from 'bcryptjs';
import { dispatchingProvider, secret } from '@hastack/provider-kit';
import { randomResourceHandler } from './random-resource';
import { RANDOM_PASSWORD_TYPE, randomPassword } from './random-password';
import { RANDOM_STRING_TYPE, randomString } from './random-string';

const provider = dispatchingProvider('4.21.2', {
  [RANDOM_PASSWORD_TYPE]: randomResourceHandler(randomPassword),
  [RANDOM_STRING_TYPE]: randomResourceHandler(randomString),
});
const passwordUrn = `urn:pulumi:dev::proj::${RANDOM_PASSWORD_TYPE}::db`;
const stringUrn = `urn:pulumi:dev::proj::${RANDOM_STRING_TYPE}::suffix`;

async function created(urn: string, news: Record<string, unknown>) {
  const { inputs } = await provider.check!(urn, {}, news);
  return provider.create!(urn, inputs);
}

describe('the random provider', () => {
  it('makes RandomPassword result and bcryptHash secrets, with the ID "none"', async () => {
    const { id, outs } = await created(passwordUrn, { length: 20 });
    expect(id).toBe('none');
    const password = outs.result.value as string;
    expect(outs.result).toEqual(secret(password));
    expect(password).toHaveLength(20);
    await expect(compare(password, outs.bcryptHash.value)).resolves.toBe(true);
    expect(outs.bcryptHash.value).toMatch(/^\$2[ab]\$10\$/);
  });

  it('uses the RandomString result as its ID, in clear', async () => {
    const { id, outs } = await created(stringUrn, { length: 6, special: false });
    expect(outs.result).toBe(id);
    expect(outs).toMatchObject({ length: 6, special: false, upper: true });
  });

  it('keeps a secret input secret in the outputs', async () => {
    const { outs } = await created(stringUrn, { length: 6, keepers: secret({ rotation: '1' }) });
    expect(outs.keepers).toEqual(secret({ rotation: '1' }));
  });

  it('replaces on any input change, keepers included, and on nothing else', async () => {
    const { inputs: olds } = await provider.check!(stringUrn, {}, { length: 6, keepers: { rotation: '1' } });
    const state = (await provider.create!(stringUrn, olds)).outs;
    const diff = async (news: Record<string, unknown>) => provider.diff!('id', stringUrn, state, (await provider.check!(stringUrn, state, news)).inputs);
    await expect(diff({ length: 6, keepers: { rotation: '1' } })).resolves.toEqual({ changes: false, replaces: [] });
    await expect(diff({ length: 6, keepers: { rotation: '2' } })).resolves.toEqual({
      changes: true,
      replaces: ['keepers'],
    });
    await expect(diff({ length: 7, keepers: { rotation: '1' } })).resolves.toEqual({
      changes: true,
      replaces: ['length'],
    });
  });

  it('refuses a type it does not serve', async () => {
    await expect(provider.create!('urn:pulumi:dev::proj::random:index/randomPet:RandomPet::p', {})).rejects.toThrow(
      'unknown resource type random:index/randomPet:RandomPet',
    );
  });
});
