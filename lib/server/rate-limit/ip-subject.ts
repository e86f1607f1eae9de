/**
 * The subject under which a client IP is throttled. An IPv6 client usually controls a whole /64
 * (and can pick a fresh address for every request), so per-address limits would not hold: IPv6
 * addresses are throttled by their /64 prefix. IPv4-mapped IPv6 addresses count as the IPv4
 * address they carry, so dual-stack sockets do not double the allowance.
 */
import { isIPv4, isIPv6 } from "node:net";

/** Used when the client IP is unknown (no socket address, proxy misconfigured): one shared bucket. */
export const UNKNOWN_IP_SUBJECT = "unknown";

export function rateLimitIpSubject(ip: string | null | undefined): string {
  const raw = ip?.trim();
  if (!raw) return UNKNOWN_IP_SUBJECT;
  if (isIPv4(raw)) return raw;
  const address = raw.split("%")[0]!; // drop a zone id (fe80::1%eth0)
  if (!isIPv6(address)) return raw.toLowerCase();
  const groups = expandIpv6(address);
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join(".");
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(":")}::/64`;
}

/** Eight 16-bit groups of a valid IPv6 address (with "::" and a dotted IPv4 tail expanded). */
function expandIpv6(address: string): number[] {
  let text = address.toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const parse = (part: string) => (part ? part.split(":").map((g) => parseInt(g, 16)) : []);
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}
