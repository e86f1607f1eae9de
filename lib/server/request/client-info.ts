import "server-only";
/**
 * Who is asking, as far as the request tells: trusted client IP (see lib/http/client-ip.ts), user agent
 * parsed into browser and OS, and an approximate location from offline GeoIP data (geoip-lite ships
 * its database in the npm package; nothing is downloaded at run time). The request layer reads the
 * headers (lib/auth/client-info.ts); the domain only describes what they say.
 */
import Bowser from "bowser";
import { locateIp, type GeoLocation } from "./geo";

export type ClientInfo = {
  ip: string | null;
  userAgent: string | null;
  browser: string | null;
  os: string | null;
  location: GeoLocation | null;
};

export function describeUserAgent(userAgent: string | null): { browser: string | null; os: string | null } {
  if (!userAgent) return { browser: null, os: null };
  const parsed = Bowser.parse(userAgent);
  const browser = parsed.browser.name
    ? `${parsed.browser.name} ${parsed.browser.version?.split(".")[0] ?? ""}`.trim()
    : null;
  const os = parsed.os.name
    ? `${parsed.os.name}${parsed.os.versionName ? ` ${parsed.os.versionName}` : ""}`
    : null;
  return { browser, os };
}

/** The client described by its IP and user agent (both as the request sent them). */
export function describeClient(ip: string | null, userAgent: string | null): ClientInfo {
  return { ip, userAgent, ...describeUserAgent(userAgent), location: ip ? locateIp(ip) : null };
}
