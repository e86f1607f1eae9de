import type { NextRequest } from "next/server";
import { clearSessionCookie } from "@/lib/auth/session-cookie";
import { currentActor } from "@/lib/auth/actor";
import { getCurrentUser } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";
import { signOut } from "@/lib/server/identity/account-security";
import { unavailableAs503 } from "@/lib/http/database-unavailable";

export const dynamic = "force-dynamic";

/**
 * "Abmelden" in the header: a plain form posts here, with or without JavaScript. The answer is a
 * 303 to /login, so the browser loads a new document: the account pages' data (their inline React
 * payload) leaves the tab with the old document, which a server action's client-side redirect
 * would keep (ASVS 14.3.1). `Clear-Site-Data: "cache"` drops cached copies and the back/forward
 * cache; not "cookies" or "storage", which would forget this browser as a known device and remove
 * its push subscription (docs/decisions/0028).
 */
async function post(request: NextRequest): Promise<Response> {
  const { appUrl } = getEnv();
  // A cross-site post carries no session cookie (SameSite=Lax) and is refused anyway, as server
  // actions refuse a foreign Origin: no other site signs the customer out.
  const origin = request.headers.get("origin");
  if (origin !== null && origin !== new URL(appUrl).origin)
    return new Response(null, { status: 403, headers: { "Cache-Control": "no-store" } });
  const user = await getCurrentUser();
  if (user) await signOut(await currentActor(user));
  await clearSessionCookie();
  return new Response(null, {
    status: 303,
    headers: { Location: `${appUrl}/login`, "Cache-Control": "no-store", "Clear-Site-Data": '"cache"' },
  });
}

/** 503 with Retry-After while the database cannot answer (decision 0073). */
export const POST = unavailableAs503(post);
