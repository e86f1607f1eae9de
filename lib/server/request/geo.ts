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

export function locateIp(ip: string): GeoLocation | null {
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
