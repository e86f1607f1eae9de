import "server-only";
/**
 * The client of this request: the trusted IP our server put into CLIENT_IP_HEADER (never a
 * client-sent X-Forwarded-For, see lib/http/client-ip.ts) and the user agent, described by the
 * domain (lib/server/request/client-info.ts).
 */
import { headers } from "next/headers";
import { CLIENT_IP_HEADER } from "@/lib/http/client-ip";
import { describeClient, type ClientInfo } from "@/lib/server/request/client-info";

export async function getClientInfo(): Promise<ClientInfo> {
  const h = await headers();
  return describeClient(h.get(CLIENT_IP_HEADER), h.get("user-agent")?.slice(0, 512) ?? null);
}
