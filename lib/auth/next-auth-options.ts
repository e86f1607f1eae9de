import "server-only";
/**
 * next-auth as the OpenID Connect layer only (docs/decisions/0004): one provider per entry of
 * OIDC_PROVIDERS, discovered from the issuer, with state, PKCE and nonce checks and ID token
 * validation. Sessions are ours: the signIn callback hands over to lib/auth/social-callback.ts.
 */
import type { AuthOptions } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { getEnv } from "@/lib/env";
import type { OidcProviderConfig } from "@/lib/env/oidc";
import { toSafeRelativePath } from "@/lib/http/safe-path";
import { nextAuthCookies } from "./auth-cookies";
import { handleSocialSignIn } from "./social-callback";

type OidcClaims = { sub: string; email?: string; name?: string };

function oidcProvider(config: OidcProviderConfig): OAuthConfig<OidcClaims> {
  return {
    id: config.key,
    name: config.name,
    type: "oauth",
    wellKnown: `${config.issuer}/.well-known/openid-configuration`,
    // The claims come from the validated ID token; no userinfo round trip.
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    authorization: { params: { scope: "openid email profile" } },
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    profile: (claims) => ({ id: claims.sub, email: claims.email ?? null, name: claims.name ?? null }),
  };
}

let cached: AuthOptions | undefined;

/** Built on first use, not at import, so `next build` needs no environment. */
export function getNextAuthOptions(): AuthOptions {
  if (cached) return cached;
  const env = getEnv();
  // next-auth builds its callback URLs from NEXTAUTH_URL (port 3000 when unset).
  process.env.NEXTAUTH_URL ??= env.appUrl;
  cached = {
    providers: env.oidcProviders.map(oidcProvider),
    secret: env.authSecret,
    useSecureCookies: env.secureCookies,
    // On https all of them __Host- (docs/decisions/0025); next-auth's defaults use __Secure-.
    cookies: nextAuthCookies(),
    pages: { signIn: "/login", error: "/login" },
    callbacks: {
      signIn: ({ account, profile }) => handleSocialSignIn({ account, profile }),
      // next-auth's own callbackUrl (its error and sign-in pages): only our origin's normalised
      // paths, by the same rule as every other return path (docs/decisions/0023).
      redirect: ({ url, baseUrl }) =>
        `${baseUrl}${toSafeRelativePath(url.startsWith(baseUrl) ? url.slice(baseUrl.length) || "/" : url, "/")}`,
    },
  };
  return cached;
}
