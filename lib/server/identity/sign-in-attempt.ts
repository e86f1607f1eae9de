import type { ClientInfo } from "@/lib/server/request/client-info";

/** The columns of a SignInAttempt that describe the request (same for every outcome). */
export function attemptContext(client: ClientInfo) {
  const l = client.location;
  return {
    ip: client.ip,
    userAgent: client.userAgent,
    country: l?.country ?? null,
    city: l?.city ?? null,
    latitude: l?.latitude ?? null,
    longitude: l?.longitude ?? null,
  };
}
