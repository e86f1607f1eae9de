import "server-only";
/**
 * Who is asking, as far as the request tells: trusted client IP (see lib/client-ip.ts), user agent
 * parsed into browser and OS, and an approximate location from offline GeoIP data (geoip-lite ships
 * its database in the npm package; nothing is downloaded at run time).
 */
import Bowser from "bowser";
import { headers } from "next/headers";
import { CLIENT_IP_HEADER } from "@/lib/client-ip";
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

export async function getClientInfo(): Promise<ClientInfo> {
  const h = await headers();
  const ip = h.get(CLIENT_IP_HEADER);
  const userAgent = h.get("user-agent")?.slice(0, 512) ?? null;
  return { ip, userAgent, ...describeUserAgent(userAgent), location: ip ? locateIp(ip) : null };
}
