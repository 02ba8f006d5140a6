import { ResourceHandler, dispatchingProvider } from './dispatching-provider';

function handler(id: string): ResourceHandler {
  return {
    check: async (_urn, _olds, news) => ({ inputs: news }),
    diff: async () => ({ changes: false }),
    create: async () => ({ id, outs: {} }),
    update: async () => ({ outs: {} }),
    delete: async () => undefined,
  };
}

describe('dispatchingProvider', () => {
  const reading: ResourceHandler = { ...handler('r'), read: async (id, _urn, state) => ({ id, props: { ...state, read: true } }) };
  const provider = dispatchingProvider('1.2.3', { 'pkg:index:A': handler('a'), 'pkg:index:B': handler('b'), 'pkg:index:R': reading });

  it('hands each call to the handler of the resource type, children included', async () => {
    await expect(provider.create!('urn:pulumi:s::p::pkg:index:B::one', {})).resolves.toEqual({ id: 'b', outs: {} });
    await expect(provider.create!('urn:pulumi:s::p::my:C$pkg:index:A::two', {})).resolves.toEqual({ id: 'a', outs: {} });
  });

  it('refuses a type it does not serve', async () => {
    await expect(provider.create!('urn:pulumi:s::p::pkg:index:Z::z', {})).rejects.toThrow('unknown resource type pkg:index:Z');
  });

  it('returns the state unchanged on refresh and reports its version', async () => {
    await expect(provider.read!('id', 'urn:pulumi:s::p::pkg:index:A::a', { x: 1 })).resolves.toEqual({
      id: 'id',
      props: { x: 1 },
    });
    expect(provider.version).toBe('1.2.3');
  });

  it("hands a refresh to the handler's own read when it has one", async () => {
    await expect(provider.read!('id', 'urn:pulumi:s::p::pkg:index:R::r', { x: 1 })).resolves.toEqual({ id: 'id', props: { x: 1, read: true } });
  });
});
