/**
 * Support releases a risk block (docs/decisions/0044) on SQLite and PostgreSQL: only after the
 * agent opened the customer, only for the browser of the blocked attempt, once (the mail's
 * "Das war ich" link is used up with it), audited with the reason.
 */
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/prisma-client";
import type { StaffActor } from "@/lib/server/actor";
import { deviceCookieHash, findSignInPassByEmail } from "@/lib/server/identity/sign-in-passes";
import { issueToken, isTokenUsable } from "@/lib/server/identity/tokens";
import { openCustomer } from "@/lib/server/support/access";
import { releaseRiskBlock } from "@/lib/server/support/risk-release";
import { client, unique } from "../support/customers";

const db = createPrismaClient();
afterAll(() => db.$disconnect());

const REASON = "Kundin am Telefon, Identität geprüft";

async function person(role: "CUSTOMER" | "SUPPORT") {
  const email = `freigabe.${unique()}@example.com`;
  return db.user.create({ data: { email, emailNormalized: email, roles: { create: [{ role }] } } });
}

async function agent(): Promise<StaffActor> {
  const user = await person("SUPPORT");
  return { kind: "staff", userId: user.id, role: "SUPPORT", sessionId: null, client };
}

/** A blocked sign-in as blockSignIn leaves it: the "Das war ich" token naming the browser. */
async function blocked() {
  const customer = await person("CUSTOMER");
  const deviceCookieId = `device-${unique()}`;
  const token = await issueToken({
    userId: customer.id,
    purpose: "RISK_RELEASE",
    payload: { signInAttemptId: `attempt-${unique()}`, deviceCookieHash: deviceCookieHash(deviceCookieId) },
  });
  return { customer, deviceCookieId, token };
}

describe("support releases a risk block", () => {
  it("grants the blocked browser its pass once, uses up the mail link and audits the reason", async () => {
    const { customer, deviceCookieId, token } = await blocked();
    const staff = await agent();
    await openCustomer(staff, { customerId: customer.id, reason: "Anruf: Anmeldung gesperrt" });

    expect(await releaseRiskBlock(staff, { customerId: customer.id, reason: REASON })).toEqual({
      ok: true,
      validMinutes: 30,
    });
    const pass = { emailNormalized: customer.emailNormalized, kind: "RISK_RELEASE" as const };
    expect(await findSignInPassByEmail({ ...pass, deviceCookieId })).toBe(customer.id);
    expect(await findSignInPassByEmail({ ...pass, deviceCookieId: "another-browser" })).toBeNull();
    expect(await isTokenUsable({ token, purpose: "RISK_RELEASE" })).toBe(false);
    const event = await db.auditEvent.findFirstOrThrow({
      where: { type: "support.risk_block_released", subjectUserId: customer.id },
    });
    expect(event).toMatchObject({
      actorId: staff.userId,
      metadata: expect.objectContaining({ reason: REASON }),
    });

    // Once: the block is released, a second press has nothing to release.
    expect(await releaseRiskBlock(staff, { customerId: customer.id, reason: REASON })).toEqual({
      ok: false,
      code: "NO_RISK_BLOCK",
    });
  });

  it("[ATTACKER] an agent who has not opened the customer releases nothing", async () => {
    const { customer, deviceCookieId, token } = await blocked();
    const staff = await agent();
    expect(await releaseRiskBlock(staff, { customerId: customer.id, reason: REASON })).toEqual({
      ok: false,
      code: "ACCESS_REQUIRED",
    });
    const pass = { emailNormalized: customer.emailNormalized, kind: "RISK_RELEASE" as const, deviceCookieId };
    expect(await findSignInPassByEmail(pass)).toBeNull();
    expect(await isTokenUsable({ token, purpose: "RISK_RELEASE" })).toBe(true);
  });

  it("releases nothing for a customer without a blocked sign-in", async () => {
    const customer = await person("CUSTOMER");
    const staff = await agent();
    await openCustomer(staff, { customerId: customer.id, reason: "Anruf: Anmeldung gesperrt" });
    expect(await releaseRiskBlock(staff, { customerId: customer.id, reason: REASON })).toEqual({
      ok: false,
      code: "NO_RISK_BLOCK",
    });
  });
});
