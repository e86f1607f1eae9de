/**
 * A real OpenID Connect provider for the social-login E2E tests: oidc-provider (OpenID Certified)
 * with its built-in development login form, which accepts any login name and password.
 *
 *   tsx tests/e2e/servers/oidc-provider.ts      # E2E_OIDC_PORT (3127), E2E_PORT (portal, 3100)
 *
 * The login name becomes the account: `sub` is the name itself, `email` the name when it contains
 * "@" (else `<name>@idp.example`), always `email_verified: true`, as Google and Apple assert it.
 * A login name starting with "forged-signature" gets an ID token signed with a key the provider
 * never published (ASVS 6.8.2: the portal must refuse it).
 */
import { createSign, generateKeyPairSync } from "node:crypto";
import Provider, { type Account } from "oidc-provider";

const port = Number(process.env.E2E_OIDC_PORT ?? 3127);
const portalPort = Number(process.env.E2E_PORT ?? 3100);
const issuer = `http://localhost:${port}`;

function findAccount(_ctx: unknown, id: string): Promise<Account> {
  const email = id.includes("@") ? id : `${id}@idp.example`;
  return Promise.resolve({
    accountId: id,
    claims: () => Promise.resolve({ sub: id, email, email_verified: true, name: email.split("@")[0] ?? id }),
  });
}

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: "portal-e2e",
      client_secret: "portal-e2e-secret",
      redirect_uris: [`http://localhost:${portalPort}/api/auth/callback/testidp`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  features: { devInteractions: { enabled: true } },
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  // Put the scope's claims into the ID token (as Google does): the portal reads only the ID token.
  conformIdTokenClaims: false,
  // Test-only signing keys for the provider's cookies; its token keys are generated per start.
  cookies: { keys: ["e2e-oidc-provider-cookie-key"] },
  pkce: { required: () => true },
  findAccount,
});

/** Stands for an attacker who can mint tokens but holds none of the provider's keys. */
const FORGED_PREFIX = "forged-signature";
const foreignKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;

provider.use(async (ctx, next) => {
  await next();
  const body = ctx.body as { id_token?: unknown } | undefined;
  if (ctx.path !== "/token" || typeof body?.id_token !== "string") return;
  const [header = "", payload = ""] = body.id_token.split(".");
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { sub?: unknown };
  if (!String(claims.sub).startsWith(FORGED_PREFIX)) return;
  const { alg } = JSON.parse(Buffer.from(header, "base64url").toString("utf8")) as { alg?: string };
  if (alg !== "RS256") throw new Error(`forged-signature: expected an RS256 ID token, got ${alg}`);
  // Same header (alg, kid) and claims; only the signature comes from the foreign key.
  const signature = createSign("RSA-SHA256").update(`${header}.${payload}`).sign(foreignKey);
  body.id_token = `${header}.${payload}.${signature.toString("base64url")}`;
});

provider.listen(port, () => {
  console.log(`[oidc-provider] ${issuer}/.well-known/openid-configuration`);
});
