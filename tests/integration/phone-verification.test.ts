/**
 * Proving the phone number by an SMS code (docs/decisions/0052) on SQLite and PostgreSQL: the
 * code goes through the SMS provider (the local outbox), is stored only as a MAC, verifies the
 * number once, not after the number changed, not for another customer, not when expired or
 * guessed too often; the SMS channel is saved only with a verified number.
 */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/prisma-client";
import {
  getCommunicationSettings,
  updateCommunicationPreferences,
} from "@/lib/server/communication/preferences";
import {
  phoneStatus,
  sendPhoneVerificationCode,
  verifyPhoneCode,
} from "@/lib/server/profile/phone-verification";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { customerActor } from "@/lib/server/actor";

const db = createPrismaClient();
const client: ClientInfo = {
  ip: "192.0.2.79",
  userAgent: "vitest",
  browser: "Chrome",
  os: "Linux",
  location: null,
};
let outbox = "";

beforeAll(() => {
  outbox = mkdtempSync(path.join(tmpdir(), "sms-outbox-"));
  process.env.SMS_OUTBOX_DIR = outbox;
});

async function customerWithPhone(
  phoneE164: string | null = `+49151${Math.floor(1e7 + Math.random() * 9e7)}`,
) {
  const email = `phone.${Date.now()}.${Math.random().toString(36).slice(2)}@example.com`;
  const user = await db.user.create({
    data: {
      email,
      emailNormalized: email,
      emailVerifiedAt: new Date(),
      roles: { create: { role: "CUSTOMER" } },
      profile: { create: { phoneE164 } },
    },
  });
  const session = await db.session.create({
    data: {
      tokenHash: `hash-${user.id}`,
      userId: user.id,
      idleExpiresAt: new Date(Date.now() + 3_600_000),
      absoluteExpiresAt: new Date(Date.now() + 86_400_000),
      authMethods: ["PASSWORD"],
    },
  });
  return { ...customerActor(user.id, client, session.id), phone: phoneE164 };
}

async function sendCode(actor: Awaited<ReturnType<typeof customerWithPhone>>): Promise<string> {
  const sent = await sendPhoneVerificationCode(actor);
  if (!sent.ok) throw new Error(`no code: ${sent.code}`);
  return sent.code;
}

function smsTo(phone: string): { to: string; text: string }[] {
  return readdirSync(outbox)
    .map((file) => JSON.parse(readFileSync(path.join(outbox, file), "utf8")) as { to: string; text: string })
    .filter((sms) => sms.to === phone);
}

function wrongCode(code: string): string {
  return code === "000000" ? "111111" : "000000";
}

describe("phone verification", () => {
  it("sends the code by SMS, stores only its MAC, and verifies the number once", async () => {
    const actor = await customerWithPhone();
    const code = await sendCode(actor);
    const [sms] = smsTo(actor.phone!);
    expect(sms?.text).toContain(code);
    expect(sms?.text).toContain("Bestätigungscode");
    const row = await db.phoneVerificationCode.findFirstOrThrow({ where: { userId: actor.userId } });
    expect(row.codeHash).not.toContain(code);

    expect(await verifyPhoneCode(actor, wrongCode(code))).toEqual({ ok: false, code: "INVALID" });
    expect((await phoneStatus(actor.userId)).verified).toBe(false);
    expect(await verifyPhoneCode(actor, code)).toEqual({ ok: true });
    expect((await phoneStatus(actor.userId)).verified).toBe(true);
    // Replayed: used up.
    expect(await verifyPhoneCode(actor, code)).toEqual({ ok: false, code: "EXPIRED" });
    const types = (await db.auditEvent.findMany({ where: { subjectUserId: actor.userId } })).map(
      (e) => e.type,
    );
    expect(types).toEqual(
      expect.arrayContaining([
        "profile.phone_code_sent",
        "profile.phone_verified",
        "profile.phone_verification_failed",
      ]),
    );
    // Nothing more to send for a verified number.
    expect(await sendPhoneVerificationCode(actor)).toEqual({ ok: false, code: "ALREADY_VERIFIED" });
  });

  it("refuses another customer's code, an expired code, a code for an earlier number, and guessing", async () => {
    const victim = await customerWithPhone();
    const attacker = await customerWithPhone();
    const victimCode = await sendCode(victim);
    // The attacker's session with the victim's code: it is checked against the attacker's codes only.
    expect((await verifyPhoneCode(attacker, victimCode)).ok).toBe(false);
    await sendCode(attacker);
    expect((await verifyPhoneCode(attacker, victimCode)).ok).toBe(false);
    expect((await phoneStatus(victim.userId)).verified).toBe(false);
    expect((await phoneStatus(attacker.userId)).verified).toBe(false);

    // Expired.
    await db.phoneVerificationCode.updateMany({
      where: { userId: victim.userId },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await verifyPhoneCode(victim, victimCode)).toEqual({ ok: false, code: "EXPIRED" });

    // A code for the number before a change verifies nothing.
    const earlier = await sendCode(victim);
    await db.profile.update({ where: { userId: victim.userId }, data: { phoneE164: "+4917099887766" } });
    expect(await verifyPhoneCode(victim, earlier)).toEqual({ ok: false, code: "EXPIRED" });

    // Five wrong guesses lock the code, even the right one after them.
    const code = await sendCode(victim);
    for (let i = 0; i < 4; i++) expect((await verifyPhoneCode(victim, wrongCode(code))).ok).toBe(false);
    expect(await verifyPhoneCode(victim, wrongCode(code))).toEqual({ ok: false, code: "LOCKED" });
    expect(await verifyPhoneCode(victim, code)).toEqual({ ok: false, code: "LOCKED" });
    expect((await phoneStatus(victim.userId)).verified).toBe(false);
  });

  it("throttles sending per account and refuses an account without a number", async () => {
    const actor = await customerWithPhone();
    for (let i = 0; i < 3; i++) await sendCode(actor);
    expect(await sendPhoneVerificationCode(actor)).toMatchObject({ ok: false, code: "RATE_LIMITED" });
    const none = await customerWithPhone(null);
    expect(await sendPhoneVerificationCode(none)).toEqual({ ok: false, code: "NO_PHONE" });
  });

  it("keeps the SMS channel off without a verified number, also after a change of number", async () => {
    const actor = await customerWithPhone();
    const input = { topics: [], email: true, push: false, sms: true, frequency: "WEEKLY" as const };
    const save = () => updateCommunicationPreferences({ userId: actor.userId, locale: "de", client, input });
    await save();
    expect((await getCommunicationSettings(actor.userId)).sms).toBe(false);

    expect(await verifyPhoneCode(actor, await sendCode(actor))).toEqual({ ok: true });
    await save();
    expect((await getCommunicationSettings(actor.userId)).sms).toBe(true);

    // A new number is unproven (as the profile form saves it): the channel reads as off.
    await db.profile.update({
      where: { userId: actor.userId },
      data: { phoneE164: "+4916012345678", phoneVerifiedAt: null },
    });
    expect((await getCommunicationSettings(actor.userId)).sms).toBe(false);
  });
});
