import { NextResponse, type NextRequest } from "next/server";
import { getEnv } from "@/lib/env";
import { unsubscribeWithLink } from "@/lib/server/communication/newsletter-links";
import { getClientInfo } from "@/lib/auth/client-info";
import { unavailableAs503 } from "@/lib/http/database-unavailable";

/**
 * The unsubscribe link of every marketing mail, also named in its List-Unsubscribe header.
 * GET (a person's click, or a mail scanner's prefetch) changes nothing: it forwards to the page
 * with the button. POST is RFC 8058 one-click, sent by the mail client itself with the body
 * `List-Unsubscribe=One-Click`, without cookies; the signed token is the authorisation.
 */
async function get(request: NextRequest) {
  const token = request.nextUrl.searchParams.get("token") ?? "";
  const target = new URL("/newsletter/unsubscribe/confirm", getEnv().appUrl);
  if (token) target.searchParams.set("token", token);
  return NextResponse.redirect(target, 303);
}

async function post(request: NextRequest) {
  const token = request.nextUrl.searchParams.get("token") ?? "";
  // RFC 8058 allows the field as application/x-www-form-urlencoded or multipart/form-data.
  const form = await request.formData().catch(() => null);
  if (form?.get("List-Unsubscribe") !== "One-Click") return new NextResponse(null, { status: 400 });
  const result = await unsubscribeWithLink({ token, client: await getClientInfo(), oneClick: true });
  return new NextResponse(null, { status: result.ok ? 200 : 404, headers: { "Cache-Control": "no-store" } });
}

/** 503 with Retry-After while the database cannot answer (decision 0073). */
export const GET = unavailableAs503(get);

/** 503 with Retry-After while the database cannot answer (decision 0073). */
export const POST = unavailableAs503(post);
