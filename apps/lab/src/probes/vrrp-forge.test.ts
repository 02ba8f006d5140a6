import fc from 'fast-check';
import { vrrpAdvertsProgram, vrrpV3Advert } from './vrrp-forge';

const strangerAdvert = { virtualRouterId: 51, priority: 255, maxAdvertIntervalCs: 100, vips: ['198.18.0.100'] };

/** What a receiver checks (RFC 1071): the ones' complement sum of pseudo-header and message is all ones. */
function receiverSum(packet: Buffer, source: string, destination: string): number {
  const octets = (address: string) => address.split('.').map(Number);
  const bytes = [...octets(source), ...octets(destination), 0, 112, 0, packet.length, ...packet];
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 2) sum += bytes[i] * 256 + bytes[i + 1];
  return sum % 0xffff || 0xffff;
}

describe('vrrpV3Advert', () => {
  it("is byte for byte a real router's VRRPv3 advert, from tcpdump's test capture (tests/vrrp.pcap), checksum included", () => {
    // 10.0.0.91 > 224.0.0.18: VRRPv3, Advertisement, vrid 44, prio 191, intvl 1000cs, length 16, addrs(2): 10.4.44.100,10.4.44.200
    const advert = { virtualRouterId: 44, priority: 191, maxAdvertIntervalCs: 1000, vips: ['10.4.44.100', '10.4.44.200'] };
    expect(vrrpV3Advert(advert, '10.0.0.91', '224.0.0.18').toString('hex')).toBe('312cbf0203e8b3c60a042c640a042cc8');
  });

  it("is the stranger's claim on the lab's VIP, checksummed for each destination (worked by hand)", () => {
    // Pseudo-header c612 00fa e000 0012 0070 000c + message 3133 ff01 0064 0000 c612 0064 = 0x39ea8;
    // folded 0x9eab, complemented 0x6154. To director1 (c612 000b instead of e000 0012): 0x384b3, 0x84b6, 0x7b49.
    expect(vrrpV3Advert(strangerAdvert, '198.18.0.250', '224.0.0.18').toString('hex')).toBe('3133ff0100646154c6120064');
    expect(vrrpV3Advert(strangerAdvert, '198.18.0.250', '198.18.0.11').toString('hex')).toBe('3133ff0100647b49c6120064');
  });

  it('passes the receiver check for any advert, source and destination', () => {
    const address = fc.ipV4();
    const advert = fc.record({
      virtualRouterId: fc.integer({ min: 1, max: 255 }),
      priority: fc.integer({ min: 0, max: 255 }),
      maxAdvertIntervalCs: fc.integer({ min: 1, max: 4095 }),
      vips: fc.array(address, { minLength: 1, maxLength: 20 }),
    });
    fc.assert(
      fc.property(advert, address, address, (fields, source, destination) => {
        const packet = vrrpV3Advert(fields, source, destination);
        expect(packet.length).toBe(8 + 4 * fields.vips.length);
        expect(receiverSum(packet, source, destination)).toBe(0xffff);
      }),
    );
  });

  it('names the field that is out of range', () => {
    expect(() => vrrpV3Advert({ ...strangerAdvert, virtualRouterId: 0 }, '198.18.0.250', '224.0.0.18')).toThrow(
      'virtual router id 0 is not an integer in 1..255',
    );
    expect(() => vrrpV3Advert({ ...strangerAdvert, priority: 256 }, '198.18.0.250', '224.0.0.18')).toThrow('priority 256');
    expect(() => vrrpV3Advert({ ...strangerAdvert, maxAdvertIntervalCs: 4096 }, '198.18.0.250', '224.0.0.18')).toThrow('max advert interval (cs) 4096');
    expect(() => vrrpV3Advert({ ...strangerAdvert, vips: [] }, '198.18.0.250', '224.0.0.18')).toThrow('VIP count 0');
    expect(() => vrrpV3Advert({ ...strangerAdvert, vips: ['198.18.0'] }, '198.18.0.250', '224.0.0.18')).toThrow('VIP "198.18.0" is not an IPv4 address');
  });
});

describe('vrrpAdvertsProgram', () => {
  const options = { virtualRouterId: 51, priority: 255, vips: ['198.18.0.100'], intervalMs: 1000, durationMs: 5000 };
  const argsOf = (source: string) => JSON.parse(JSON.parse(source.split('\n')[1].replace(/^ARGS = json\.loads\((.*)\)$/, '$1')));

  it('sends to the multicast group, stating the interval in centiseconds', () => {
    const program = vrrpAdvertsProgram('198.18.0.250', options);
    expect(argsOf(program.source)).toEqual({
      source: '198.18.0.250',
      adverts: [{ destination: '224.0.0.18', packet: '3133ff0100646154c6120064' }],
      intervalMs: 1000,
      durationMs: 5000,
    });
    expect(program.timeoutMs).toBe(25_000);
  });

  it('sends to the multicast group and each unicast address, checksumming each advert for its destination', () => {
    const program = vrrpAdvertsProgram('198.18.0.250', { ...options, unicastTo: ['198.18.0.11'] });
    expect(argsOf(program.source).adverts).toEqual([
      { destination: '224.0.0.18', packet: '3133ff0100646154c6120064' },
      { destination: '198.18.0.11', packet: '3133ff0100647b49c6120064' },
    ]);
  });

  it('refuses an interval the advert cannot state', () => {
    expect(() => vrrpAdvertsProgram('198.18.0.250', { ...options, intervalMs: 15 })).toThrow('interval 15 ms is not a whole number of centiseconds');
  });
});
