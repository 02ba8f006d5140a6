import { idEncodings, randomId } from './random-id';

describe('RandomId', () => {
  it('encodes the bytes as upstream does', () => {
    expect(idEncodings(Buffer.from([0xfb, 0xff, 0x01]), 'p-')).toEqual({
      hex: 'p-fbff01',
      b64Std: 'p-+/8B',
      b64Url: 'p--_8B',
      dec: 'p-16514817',
    });
    expect(idEncodings(Buffer.from([0xff])).b64Std).toBe('/w==');
    expect(idEncodings(Buffer.from([0xff])).b64Url).toBe('_w');
  });

  it('generates byteLength bytes and uses the unprefixed URL-safe form as ID', async () => {
    const { id, outputs } = await randomId.generate({ byteLength: 8, prefix: 'x-' });
    expect(Buffer.from(id, 'base64url')).toHaveLength(8);
    expect(outputs.b64Url).toBe(`x-${id}`);
  });

  it('requires a positive byteLength', () => {
    expect(randomId.check({ byteLength: 0 }).failures).toEqual([expect.objectContaining({ property: 'byteLength' })]);
  });
});
