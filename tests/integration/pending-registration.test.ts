/**
 * The check-email page's "Erneut senden" and "Falsche Adresse? Ändern" (docs/decisions/0056) on
 * SQLite and PostgreSQL: both act only on the unproven account whose verification link this
 * browser was issued, and answer alike for every address.
 */
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { hashToken } from "@/lib/server/crypto/token-hash";
import { resendRegistrationMail } from "@/lib/server/identity/pending-registration";
import { registerWithPassword } from "@/lib/server/identity/register";
import { findUsableToken } from "@/lib/server/identity/tokens";
import { client, createCustomer, unique } from "../support/customers";

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

const PASSWORD = "Sonnenblumen am Gartenzaun 2026";
/** Each test its own IP, so the per-IP throttle of one test does not stop another. */
const fromIp = () => ({ ...client, ip: `198.51.100.${Math.floor(Math.random() * 250) + 1}` });
const tokenOf = (mail: CapturedMail | undefined) =>
  new URL(String(mail?.template.data.url)).searchParams.get("token") ?? "";

async function signUp(
  browserBinding: string,
  opts: { replacing?: { email: string; browserBinding: string } } = {},
) {
  const email = `tippfehler.${unique()}@example.com`;
  const c = fromIp();
  expect(
    await registerWithPassword({
      email,
      password: PASSWORD,
      locale: "de",
      client: c,
      browserBinding,
      ...opts,
    }),
  ).toEqual({ ok: true });
  return { email, client: c, user: await db.user.findUnique({ where: { emailNormalized: email } }) };
}

describe("Erneut senden", () => {
  it("mails the registering browser a fresh link; the older one stops working", async () => {
    const binding = hashToken(unique());
    const { email, client: c } = await signUp(binding);
    const first = tokenOf(mails.at(-1));
    expect(await resendRegistrationMail({ email, browserBinding: binding, client: c })).toEqual({ ok: true });
    expect(mails.map((m) => m.template.name)).toEqual(["verify-email", "verify-email"]);
    expect(mails[1]?.to).toBe(email);
    expect(await findUsableToken({ token: first, purpose: "EMAIL_VERIFICATION" })).toBeNull();
    const fresh = await findUsableToken({ token: tokenOf(mails[1]), purpose: "EMAIL_VERIFICATION" });
    // The new link is bound to the same browser, so it may continue signed in there (item 5).
    expect(fresh?.payload).toEqual({ registeredBy: binding });
  });

  it("[ATTACKER] answers alike and mails nothing for another browser, a proven account or an unknown address", async () => {
    const { email, client: c } = await signUp(hashToken(unique()));
    mails.splice(0);
    const proven = await createCustomer(db, { proven: true });
    const unknown = `niemand.${unique()}@example.com`;
    for (const address of [email, proven.email, unknown])
      expect(
        await resendRegistrationMail({ email: address, browserBinding: hashToken(unique()), client: c }),
      ).toEqual({ ok: true });
    expect(mails).toEqual([]);
  });

  it("[ATTACKER] throttles per address as typed before any look-up: known and unknown alike", async () => {
    const binding = hashToken(unique());
    const { email } = await signUp(binding);
    const unknown = `niemand.${unique()}@example.com`;
    for (const address of [email, unknown]) {
      const answers = [];
      // A new IP each time: this is the per-address limit (3 in 15 minutes).
      for (let i = 0; i < 4; i++)
        answers.push(
          await resendRegistrationMail({ email: address, browserBinding: binding, client: fromIp() }),
        );
      expect(answers.slice(0, 3)).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
      expect(answers[3]).toMatchObject({ ok: false, code: "RATE_LIMITED" });
    }
  });
});

describe("Falsche Adresse? Ändern", () => {
  it("the new sign-up deletes this browser's unproven account under the mistyped address, audited", async () => {
    const binding = hashToken(unique());
    const before = await signUp(binding);
    const after = await signUp(hashToken(unique()), {
      replacing: { email: before.email, browserBinding: binding },
    });
    expect(await db.user.findUnique({ where: { emailNormalized: before.email } })).toBeNull();
    expect(after.user).not.toBeNull();
    const event = await db.auditEvent.findFirstOrThrow({
      where: { subjectUserId: before.user!.id, type: "auth.unproven_account_discarded" },
    });
    expect(event.metadata).toMatchObject({ reason: "ADDRESS_REPLACED" });
  });

  it("[ATTACKER] never deletes an account another browser registered, nor a proven one", async () => {
    const victim = await signUp(hashToken(unique()));
    await signUp(hashToken(unique()), {
      replacing: { email: victim.email, browserBinding: hashToken("geraten") },
    });
    expect(await db.user.findUnique({ where: { emailNormalized: victim.email } })).not.toBeNull();

    const binding = hashToken(unique());
    const proven = await signUp(binding);
    await db.user.update({ where: { id: proven.user!.id }, data: { emailVerifiedAt: new Date() } });
    await signUp(hashToken(unique()), { replacing: { email: proven.email, browserBinding: binding } });
    expect(await db.user.findUnique({ where: { emailNormalized: proven.email } })).not.toBeNull();
  });
});
