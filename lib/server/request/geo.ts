/**
 * Approximate location of an IP from geoip-lite's bundled GeoLite data (loaded on first use,
 * ~100 MB in memory, so only server processes that need it pay for it). Private and loopback
 * addresses have no location.
 */
import { createRequire } from "node:module";

export type GeoLocation = {
  country: string;
  city: string | null;
  latitude: number | null;
  longitude: number | null;
};

type GeoIpLite = { lookup(ip: string): { country: string; city: string; ll: [number, number] } | null };
let geoip: GeoIpLite | undefined;

/** Loopback, private and link-local addresses: no location, and no reason to load the data. */
const UNROUTABLE =
  /^(127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|169\.254\.|::1$|f[cd]|fe80:|0\.|localhost)/i;

export function locateIp(ip: string): GeoLocation | null {
  if (UNROUTABLE.test(ip)) return null;
  geoip ??= createRequire(import.meta.url)("geoip-lite") as GeoIpLite;
  const hit = geoip.lookup(ip);
  if (!hit || !hit.country) return null;
  return {
    country: hit.country,
    city: hit.city || null,
    latitude: hit.ll?.[0] ?? null,
    longitude: hit.ll?.[1] ?? null,
  };
}
