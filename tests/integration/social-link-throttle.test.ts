/**
 * The password check at /login/link is a password sign-in and is throttled like one
 * (docs/decisions/0020): the attempt is counted before the password is verified, so a burst of parallel wrong
 * passwords cannot get more verifications than the sign-in form would allow. SQLite and PostgreSQL.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from "vitest";
import { hashPassword } from "@/lib/server/passwords/password-hash";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { RATE_LIMIT_POLICIES } from "@/lib/config/rate-limits";
import { completeSocialLink } from "@/lib/server/identity/social-link";
import { completeSocialSignIn } from "@/lib/server/identity/social-login";
import type { ClientInfo } from "@/lib/server/request/client-info";

vi.mock("@/lib/server/identity/notify", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/server/identity/notify")>()),
  sendMailInBackground: () => undefined,
}));

const db = createPrismaClient();
const PASSWORD = "Nur das richtige Passwort verknüpft";
const unique = () => randomBytes(6).toString("hex");

beforeAll(() => {
  vi.stubEnv("APP_URL", "http://localhost:3999");
  vi.stubEnv("OIDC_PROVIDERS", "testidp");
  vi.stubEnv("OIDC_TESTIDP_ISSUER", "http://localhost:3127");
  vi.stubEnv("OIDC_TESTIDP_CLIENT_ID", "portal-e2e");
  vi.stubEnv("OIDC_TESTIDP_CLIENT_SECRET", "portal-e2e-secret");
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await db.$disconnect();
});

describe("the social link's password check", () => {
  it("[ATTACKER] N parallel wrong passwords get no more verifications than the account limit", async () => {
    const email = `link.race.${unique()}@example.com`;
    await db.user.create({
      data: {
        email,
        emailNormalized: email,
        roles: { create: { role: "CUSTOMER" } },
        passwordCredential: { create: { hash: await hashPassword(PASSWORD) } },
      },
    });
    const client: ClientInfo = {
      ip: `2001:db8:1ace:${unique().slice(0, 4)}::1`,
      userAgent: "vitest",
      browser: null,
      os: null,
      location: null,
    };
    const requested = await completeSocialSignIn({
      provider: "testidp",
      subject: `attacker-${unique()}`,
      email,
      emailVerified: true,
      client,
      deviceCookieId: `device-${unique()}`,
      locale: "de",
    });
    if (requested.kind !== "link-required") throw new Error(`expected link-required, got ${requested.kind}`);

    // The clock stands still from the burst to the last attempt: the first wait is 2 s, and on a busy
    // machine the burst alone can take longer, which would let the last attempt through by time,
    // not by a flaw. The throttle reads the time in JavaScript, so only Date is frozen.
    vi.useFakeTimers({ toFake: ["Date"], now: new Date() });
    onTestFinished(() => {
      vi.useRealTimers();
    });
    const N = 20;
    const results = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        completeSocialLink({
          token: requested.token,
          password: `falsches Passwort ${i}`,
          deviceCookieId: `device-${unique()}`,
          client,
        }),
      ),
    );
    // The sign-in form's account policy: the free failures, then the one that sets the first wait.
    const verified = results.filter((r) => !r.ok && r.code === "WRONG_PASSWORD").length;
    const limit = RATE_LIMIT_POLICIES.signInAccount.freeFailures + 1;
    expect(verified).toBeLessThanOrEqual(limit);
    expect(results.filter((r) => !r.ok && r.code === "RATE_LIMITED")).toHaveLength(N - verified);
    // The right password right after the burst is throttled too: the wait applies to it as well.
    expect(
      await completeSocialLink({ token: requested.token, password: PASSWORD, deviceCookieId: "d", client }),
    ).toMatchObject({ ok: false, code: "RATE_LIMITED" });
    expect(await db.socialIdentity.count({ where: { user: { emailNormalized: email } } })).toBe(0);
  });
});
