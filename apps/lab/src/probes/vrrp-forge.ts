import { isIPv4 } from 'node:net';
import type { LabSshTarget } from '@hastack/lab-machines';
import { pythonProgram, PythonProgram, runPython } from './python-program';

/** Where VRRP adverts go unless unicast (RFC 5798 5.1.1.2). */
const VrrpMulticastGroup = '224.0.0.18';

const IpProtoVrrp = 112;

export interface VrrpAdvert {
  /** 1..255. */
  readonly virtualRouterId: number;
  /** 0..255: 255 claims to own the VIPs and wins against any backup or master; 0 says the master resigns. */
  readonly priority: number;
  /** 1..4095 centiseconds. */
  readonly maxAdvertIntervalCs: number;
  /** 1..255 IPv4 addresses. */
  readonly vips: readonly string[];
}

function ipv4Bytes(address: string, what: string): number[] {
  if (!isIPv4(address)) throw new Error(`VRRP advert: ${what} ${JSON.stringify(address)} is not an IPv4 address`);
  return address.split('.').map(Number);
}

function inRange(value: number, min: number, max: number, what: string): number {
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`VRRP advert: ${what} ${value} is not an integer in ${min}..${max}`);
  return value;
}

/** The 16-bit ones' complement of the ones' complement sum (RFC 1071), of an even number of bytes. */
function internetChecksum(bytes: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 2) sum += (bytes[i] << 8) | bytes[i + 1];
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/**
 * A VRRPv3 advertisement (RFC 5798 5.1) from `source` to `destination`, the payload of an IPv4 packet of
 * protocol 112. Its checksum covers the IPv4 pseudo-header (source, destination, zero, protocol, VRRP length)
 * and the VRRP message (5.2.8), so it differs per destination; keepalived drops an advert whose checksum is
 * wrong without a word, which would make a lock-down proof pass whatever the lock-down does.
 */
export function vrrpV3Advert(advert: VrrpAdvert, source: string, destination: string): Buffer {
  const vips = advert.vips.map((vip) => ipv4Bytes(vip, 'VIP'));
  inRange(vips.length, 1, 255, 'VIP count');
  const interval = inRange(advert.maxAdvertIntervalCs, 1, 4095, 'max advert interval (cs)');
  const message = Buffer.from([
    // Version 3, type 1 (advertisement).
    0x31,
    inRange(advert.virtualRouterId, 1, 255, 'virtual router id'),
    inRange(advert.priority, 0, 255, 'priority'),
    vips.length,
    // 4 reserved bits, then the interval's 12.
    interval >> 8,
    interval & 0xff,
    // The checksum, zero while it is computed.
    0,
    0,
    ...vips.flat(),
  ]);
  const pseudoHeader = Buffer.from([
    ...ipv4Bytes(source, 'source'),
    ...ipv4Bytes(destination, 'destination'),
    0,
    IpProtoVrrp,
    message.length >> 8,
    message.length & 0xff,
  ]);
  message.writeUInt16BE(internetChecksum(Buffer.concat([pseudoHeader, message])), 6);
  return message;
}

export interface VrrpAdvertsOptions {
  readonly virtualRouterId: number;
  /** 255 to take the VIPs from any master. */
  readonly priority: number;
  readonly vips: readonly string[];
  /** Between two rounds of adverts, and the max advert interval they state: a multiple of 10 ms. */
  readonly intervalMs: number;
  /** How long to send for. */
  readonly durationMs: number;
  /**
   * Addresses each round also goes to, beside the multicast group: the directors', as keepalived in unicast
   * mode reads only the adverts addressed to its own.
   */
  readonly unicastTo?: readonly string[];
}

const VrrpSendScript = `
import socket, time

sock = socket.socket(socket.AF_INET, socket.SOCK_RAW, ${IpProtoVrrp})
# The adverts' checksums were computed for this source address; binding makes the kernel use it.
sock.bind((ARGS['source'], 0))
# Receivers drop an advert whose TTL is not 255 (RFC 5798 5.1.1.3), so that none comes from off the segment.
sock.setsockopt(socket.IPPROTO_IP, socket.IP_TTL, 255)
sock.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, 255)
sock.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton(ARGS['source']))
adverts = [(bytes.fromhex(advert['packet']), advert['destination']) for advert in ARGS['adverts']]
interval = ARGS['intervalMs'] / 1000
start = time.monotonic()
end = start + ARGS['durationMs'] / 1000
rounds = 0
while start + rounds * interval < end:
    for packet, destination in adverts:
        sock.sendto(packet, (destination, 0))
    rounds += 1
    time.sleep(max(0, start + rounds * interval - time.monotonic()))
print(rounds * len(adverts))
`;

/** The sending as a program: one advert per destination, each with its own checksum, the multicast group's first. */
export function vrrpAdvertsProgram(source: string, options: VrrpAdvertsOptions): PythonProgram {
  const { intervalMs, durationMs } = options;
  if (!Number.isInteger(intervalMs / 10)) throw new Error(`sendVrrpAdverts: interval ${intervalMs} ms is not a whole number of centiseconds`);
  if (!(durationMs > 0)) throw new Error(`sendVrrpAdverts: duration ${durationMs} ms is not positive`);
  const advert = { virtualRouterId: options.virtualRouterId, priority: options.priority, maxAdvertIntervalCs: intervalMs / 10, vips: options.vips };
  const adverts = [VrrpMulticastGroup, ...(options.unicastTo ?? [])].map((destination) => ({
    destination,
    packet: vrrpV3Advert(advert, source, destination).toString('hex'),
  }));
  return pythonProgram(VrrpSendScript, { source, adverts, intervalMs, durationMs }, durationMs + 20_000);
}

/**
 * Sends forged VRRPv3 adverts from `from` (the stranger), from its own address, one to each destination
 * every interval for the duration; resolves once done, to the number of adverts sent.
 */
export async function sendVrrpAdverts(from: LabSshTarget, options: VrrpAdvertsOptions): Promise<{ sent: number }> {
  return { sent: Number((await runPython(from, vrrpAdvertsProgram(from.address, options))).trim()) };
}
