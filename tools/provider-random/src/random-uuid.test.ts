import { formatUuid, randomUuid } from './random-uuid';

describe('RandomUuid', () => {
  it('lays 16 bytes out as 8-4-4-4-12 lowercase hex', () => {
    expect(formatUuid(Buffer.from('00112233445566778899aabbccddeeff', 'hex'))).toBe('00112233-4455-6677-8899-aabbccddeeff');
  });

  it('uses the result as ID', async () => {
    const { id, outputs } = await randomUuid.generate({});
    expect(outputs.result).toBe(id);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });
});
