import { lookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/**
 * Why a robot or webhook URL was refused. `protocol`: not http(s); `private`: the host is or resolves to
 * a loopback, private, link-local, CGNAT or similar address (allowed when the admin sets
 * LIAISON_WEBHOOK_ALLOW_PRIVATE=1); `forbidden`: cloud metadata endpoints, multicast and reserved space,
 * refused even then, because no intranet robot lives there and they are the classic SSRF prize.
 */
export type UnsafeReason = 'protocol' | 'private' | 'forbidden';

export class UnsafeTargetError extends Error {
  readonly reason: UnsafeReason;
  constructor(reason: UnsafeReason, message: string) {
    super(message);
    this.name = 'UnsafeTargetError';
    this.reason = reason;
  }
}

/** A URL that passed the guard together with the addresses it was checked against; connect only to these. */
export type SafeTarget = { url: URL; addresses: LookupAddress[] };

export type AddressClass = 'public' | 'private' | 'forbidden';

const privateRanges = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network"; 0.0.0.0 reaches the local host on Linux
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // CGNAT, also where Alibaba Cloud puts internal services
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
] as const) {
  privateRanges.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard-only
  ['2001::', 32], // Teredo: the IPv4 behind it is obfuscated, so it cannot be checked
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10], // deprecated site-local
] as const) {
  privateRanges.addSubnet(network, prefix, 'ipv6');
}

const forbiddenRanges = new BlockList();
forbiddenRanges.addAddress('169.254.169.254', 'ipv4'); // AWS, GCP, Azure, Tencent Cloud metadata
forbiddenRanges.addAddress('100.100.100.200', 'ipv4'); // Alibaba Cloud metadata
forbiddenRanges.addSubnet('224.0.0.0', 4, 'ipv4'); // multicast
forbiddenRanges.addSubnet('240.0.0.0', 4, 'ipv4'); // reserved, incl. broadcast
forbiddenRanges.addAddress('fd00:ec2::254', 'ipv6'); // AWS metadata over IPv6
forbiddenRanges.addSubnet('ff00::', 8, 'ipv6'); // multicast

/**
 * Classifies one IP address. IPv6 forms that carry an IPv4 address (IPv4-mapped `::ffff:a.b.c.d`,
 * IPv4-compatible `::a.b.c.d`, NAT64 `64:ff9b::/96`, 6to4 `2002::/16`) are judged by that IPv4 address,
 * so `::ffff:127.0.0.1` is loopback and `::ffff:169.254.169.254` is the metadata endpoint.
 */
export function classifyAddress(address: string): AddressClass {
  const ip = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(ip);
  if (family === 4) return classifyIpv4(ip);
  if (family !== 6) return 'forbidden';
  const embedded = embeddedIpv4(ip);
  if (embedded) return classifyIpv4(embedded);
  if (forbiddenRanges.check(ip, 'ipv6')) return 'forbidden';
  if (privateRanges.check(ip, 'ipv6')) return 'private';
  return 'public';
}

function classifyIpv4(ip: string): AddressClass {
  if (forbiddenRanges.check(ip, 'ipv4')) return 'forbidden';
  if (privateRanges.check(ip, 'ipv4')) return 'private';
  return 'public';
}

/** The IPv4 address an IPv6 address stands for, if it is one of the forms that embed one. */
function embeddedIpv4(ip: string): string | undefined {
  const words = ipv6Words(ip);
  if (!words) return undefined;
  const toIpv4 = (high: number, low: number) => [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
  const zeros = (from: number, to: number) => words.slice(from, to).every((w) => w === 0);
  // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible; :: and ::1 stay IPv6 and are caught by the ranges)
  if (zeros(0, 5) && (words[5] === 0xffff || (words[5] === 0 && (words[6] !== 0 || (words[7] ?? 0) > 1)))) {
    return toIpv4(words[6] ?? 0, words[7] ?? 0);
  }
  if (words[0] === 0x64 && words[1] === 0xff9b && zeros(2, 6)) return toIpv4(words[6] ?? 0, words[7] ?? 0);
  if (words[0] === 0x2002) return toIpv4(words[1] ?? 0, words[2] ?? 0);
  return undefined;
}

/** The eight 16-bit words of an IPv6 address (already validated by isIP), dotted-quad tail included. */
function ipv6Words(ip: string): number[] | undefined {
  let text = ip.toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const parse = (part: string) => (part ? part.split(':').map((w) => Number.parseInt(w, 16)) : []);
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const words = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill(0), ...right];
  return words.length === 8 ? words : undefined;
}

/**
 * Checks a robot or webhook URL before Liaison sends anything to it: http(s) only, and every address the
 * host resolves to must be public (or private, when `allowPrivate`). Returns the checked addresses so the
 * request can be pinned to them (see guarded-post.ts), which closes the DNS-rebinding gap between this
 * check and the connection. Throws UnsafeTargetError when refused; DNS failures propagate as they are.
 */
export async function assertSafeTarget(url: string | URL, options: { allowPrivate: boolean }): Promise<SafeTarget> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UnsafeTargetError('protocol', 'not a valid URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new UnsafeTargetError('protocol', `${parsed.protocol} URLs are not allowed; use http or https`);
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  const addresses = await lookup(host, { all: true, order: 'verbatim' });
  if (addresses.length === 0) throw new UnsafeTargetError('forbidden', `${host} resolves to no address`);
  for (const { address } of addresses) {
    const kind = classifyAddress(address);
    if (kind === 'forbidden') {
      throw new UnsafeTargetError('forbidden', `${host} resolves to ${address}, which is never allowed`);
    }
    if (kind === 'private' && !options.allowPrivate) {
      throw new UnsafeTargetError(
        'private',
        `${host} resolves to the private or loopback address ${address}; an admin must allow private targets (LIAISON_WEBHOOK_ALLOW_PRIVATE=1)`,
      );
    }
  }
  return { url: parsed, addresses };
}
