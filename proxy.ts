import { NextResponse, type NextRequest } from "next/server";
import { buildContentSecurityPolicy, createNonce } from "@/lib/http/csp";

// Header work only. The proxy never authorises: every page, action and route checks access
// itself through lib/auth/session.ts (ARCHITECTURE.md).

/**
 * HSTS for two years, subdomains included, where the portal is deployed on https (its APP_URL,
 * read per request like the rest of the environment): a browser that has seen the portal once never
 * again tries it over plain http, where a network attacker could strip TLS. A local http URL never
 * sends it, so a developer's localhost is not pinned to https (docs/decisions/0025).
 */
const HSTS = "max-age=63072000; includeSubDomains";

export function proxy(request: NextRequest) {
  if (!needsContentSecurityPolicy(request)) return withHsts(NextResponse.next());
  const nonce = createNonce();
  const csp = buildContentSecurityPolicy({
    nonce,
    isDevelopment: process.env.NODE_ENV === "development",
    isHttps: isHttpsRequest(request),
  });

  // Next.js reads the nonce from the request's CSP header and stamps it on its own scripts;
  // x-nonce is for our code (e.g. a <Script nonce>). Both overwrite anything the client sent.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return withHsts(response);
}

function withHsts(response: NextResponse): NextResponse {
  if (process.env.APP_URL?.startsWith("https://")) response.headers.set("Strict-Transport-Security", HSTS);
  return response;
}

/**
 * Static assets need no CSP, and prefetches carry no HTML (a nonce of their own would not match
 * the page's); both still pass the proxy, because HSTS belongs on every response (ASVS 3.4.1).
 */
function needsContentSecurityPolicy(request: NextRequest): boolean {
  if (/^\/(_next\/static|_next\/image|favicon\.ico)(\/|$)/.test(request.nextUrl.pathname)) return false;
  return !request.headers.has("next-router-prefetch") && request.headers.get("purpose") !== "prefetch";
}

function isHttpsRequest(request: NextRequest): boolean {
  if (request.nextUrl.protocol === "https:") return true;
  // Behind a TLS-terminating load balancer the app itself is reached over http.
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  return forwarded === "https";
}

// Every path: the proxy decides above what each response gets.
export const config = { matcher: "/:path*" };
