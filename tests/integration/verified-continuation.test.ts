/**
 * After the verification link (docs/decisions/0056), on SQLite and PostgreSQL: the browser that
 * registered continues signed in through the one door; no other browser does; a used link of a
 * proven address is recognised only by its holder.
 */
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { hashToken } from "@/lib/server/crypto/token-hash";
import { newDeviceCookieId } from "@/lib/server/devices/devices";
import { verifyEmailToken } from "@/lib/server/identity/email-verification";
import { resendRegistrationMail } from "@/lib/server/identity/pending-registration";
import { registerWithPassword } from "@/lib/server/identity/register";
import { reissueToken } from "@/lib/server/identity/tokens";
import {
  isUsedLinkOfProvenAddress,
  signInRegisteringBrowser,
} from "@/lib/server/identity/verified-continuation";
import { client, unique } from "../support/customers";

type CapturedMail = { to: string; template: { name: string; data: Record<string, unknown> } };
const mails = vi.hoisted(() => [] as CapturedMail[]);
vi.mock("@/lib/server/identity/notify", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/server/identity/notify")>()),
  sendMailInBackground: (mail: CapturedMail) => void mails.push(mail),
  sendSecurityPushInBackground: () => undefined,
}));

const db = createPrismaClient();
afterAll(() => db.$disconnect());
beforeEach(() => void mails.splice(0));

const tokenOf = (mail: CapturedMail | undefined) =>
  new URL(String(mail?.template.data.url)).searchParams.get("token") ?? "";

async function registered() {
  const binding = hashToken(unique());
  const email = `weiter.${unique()}@example.com`;
  await registerWithPassword({
    email,
    password: "Sonnenblumen am Gartenzaun 2026",
    locale: "de",
    client,
    browserBinding: binding,
  });
  const user = await db.user.findUniqueOrThrow({ where: { emailNormalized: email } });
  return { binding, email, user, token: tokenOf(mails.at(-1)) };
}

async function confirm(token: string, browserBinding: string | null) {
  const verified = await verifyEmailToken({ token, client });
  if (!verified.ok || verified.kind !== "verified") throw new Error("not a verification link");
  return signInRegisteringBrowser({
    userId: verified.userId,
    registeredBy: verified.registeredBy,
    browserBinding,
    deviceCookieId: newDeviceCookieId(),
    client,
  });
}

describe("continuing after the verification link", () => {
  it("signs in the browser that registered, with the sign-up's password at AAL1, audited as such", async () => {
    const { binding, user, token } = await registered();
    const outcome = await confirm(token, binding);
    expect(outcome).toMatchObject({ ok: true, userId: user.id });
    const session = await db.session.findFirstOrThrow({ where: { userId: user.id, revokedAt: null } });
    expect(session).toMatchObject({ aal: 1 });
    const event = await db.auditEvent.findFirstOrThrow({
      where: { subjectUserId: user.id, type: "auth.sign_in_succeeded" },
    });
    expect(event.metadata).toMatchObject({ method: "PASSWORD", via: "VERIFICATION_LINK" });
  });

  it("[ATTACKER] another browser confirming the link gets no session", async () => {
    const { user, token } = await registered();
    expect(await confirm(token, hashToken("ein anderer Browser"))).toBeNull();
    expect(await confirm((await registered()).token, null)).toBeNull();
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it("[ATTACKER] a link issued elsewhere (support) carries no binding and signs nobody in", async () => {
    const { binding, user } = await registered();
    const token = await db.$transaction((tx) =>
      reissueToken({ userId: user.id, purpose: "EMAIL_VERIFICATION" }, { tx }),
    );
    expect(await confirm(token, binding)).toBeNull();
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("a used link", () => {
  it("of a proven address is recognised; a forged, an unused or a replaced link of an unproven one is not", async () => {
    const first = await registered();
    expect(await isUsedLinkOfProvenAddress(first.token)).toBe(false); // unused
    await resendRegistrationMail({ email: first.email, browserBinding: first.binding, client });
    // The replaced link, while the address is still unproven: "invalid" as before.
    expect(await isUsedLinkOfProvenAddress(first.token)).toBe(false);
    await verifyEmailToken({ token: tokenOf(mails.at(-1)), client });
    expect(await isUsedLinkOfProvenAddress(tokenOf(mails.at(-1)))).toBe(true);
    expect(await isUsedLinkOfProvenAddress(first.token)).toBe(true);
    expect(await isUsedLinkOfProvenAddress("geraten")).toBe(false);
    expect(await isUsedLinkOfProvenAddress("x".repeat(201))).toBe(false);
  });
});
