/**
 * Where the client's IP comes from. Next.js keeps a client-sent X-Forwarded-For, so it cannot be
 * trusted by itself: our server (scripts/server.ts) always overwrites CLIENT_IP_HEADER, from the
 * socket, or, with TRUST_PROXY=1, from the last X-Forwarded-For hop (the address our own proxy saw).
 */
export const CLIENT_IP_HEADER = "x-portal-client-ip";

export function clientIpFrom(opts: {
  socketAddress: string | undefined;
  forwardedFor: string | string[] | undefined;
  trustProxy: boolean;
}): string | null {
  if (opts.trustProxy && opts.forwardedFor) {
    const header = Array.isArray(opts.forwardedFor) ? opts.forwardedFor.join(",") : opts.forwardedFor;
    const hops = header
      .split(",")
      .map((h) => h.trim())
      .filter(Boolean);
    const last = hops.at(-1);
    if (last) return normaliseIp(last);
  }
  return opts.socketAddress ? normaliseIp(opts.socketAddress) : null;
}

/** "::ffff:127.0.0.1" → "127.0.0.1"; strips a port from "1.2.3.4:5678". */
export function normaliseIp(ip: string): string {
  let value = ip.trim();
  if (value.startsWith("::ffff:")) value = value.slice(7);
  const v4WithPort = /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(value);
  if (v4WithPort) value = v4WithPort[1]!;
  return value.slice(0, 64);
}
