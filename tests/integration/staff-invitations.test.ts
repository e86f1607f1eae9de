/**
 * Staff invitations (docs/decisions/0041) through the real domain functions on SQLite and
 * PostgreSQL: the invitation creates a credential-less staff account and audits the admin; the
 * link sets the first password once, proves the address, and survives a rejected password; an
 * address with an account is refused; staff sessions get the staff lifetimes (0040).
 */
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { issueToken } from "@/lib/server/identity/tokens";
import { createSession } from "@/lib/server/sessions/sessions";
import { acceptStaffInvitation, describeInvitation, inviteStaff } from "@/lib/server/staff/invitations";
import type { StaffActor } from "@/lib/server/actor";
import { client, createCustomer, unique } from "../support/customers";

const db = createPrismaClient();
afterAll(() => db.$disconnect());

async function admin(): Promise<StaffActor> {
  const user = await db.user.create({
    data: {
      email: `admin.${unique()}@example.com`,
      emailNormalized: `admin.${unique()}@example.com`,
      emailVerifiedAt: new Date(),
      roles: { create: [{ role: "ADMIN" }] },
    },
  });
  return { kind: "staff", userId: user.id, role: "ADMIN", sessionId: null, client };
}

const PASSWORD = "Ein Leuchtturm am Ende der Mole";

describe("staff invitations", () => {
  it("creates a staff account without credentials, audited with the admin as actor", async () => {
    const actor = await admin();
    const email = `Agent.${unique()}@Example.com`;
    const result = await inviteStaff(actor, { email, role: "SUPPORT", locale: "de" });
    expect(result.ok).toBe(true);
    const user = await db.user.findUniqueOrThrow({
      where: { emailNormalized: email.toLowerCase() },
      include: { roles: true, passwordCredential: true },
    });
    expect(user.roles.map((r) => r.role)).toEqual(["SUPPORT"]);
    expect(user.passwordCredential).toBeNull();
    expect(user.emailVerifiedAt).toBeNull();
    const event = await db.auditEvent.findFirstOrThrow({
      where: { type: "staff.invited", subjectUserId: user.id },
    });
    expect(event).toMatchObject({ actorId: actor.userId, actorRole: "ADMIN", metadata: { role: "SUPPORT" } });
    expect(await db.verificationToken.count({ where: { userId: user.id, purpose: "STAFF_INVITE" } })).toBe(1);
  });

  it("refuses an address that already has an account, in any spelling, and changes nothing", async () => {
    const customer = await createCustomer(db, { proven: true });
    const result = await inviteStaff(await admin(), {
      email: ` ${customer.email.toUpperCase()} `,
      role: "ADMIN",
      locale: "de",
    });
    expect(result).toEqual({ ok: false, code: "ACCOUNT_EXISTS" });
    const roles = await db.userRole.findMany({ where: { userId: customer.id } });
    expect(roles.map((r) => r.role)).toEqual(["CUSTOMER"]);
  });

  it("sets the first password once, proves the address, and keeps the link for a better password", async () => {
    const email = `agent.${unique()}@example.com`;
    const invited = await inviteStaff(await admin(), { email, role: "MARKETING", locale: "en" });
    if (!invited.ok) throw new Error("not invited");
    const token = await issueToken({ userId: invited.userId, purpose: "STAFF_INVITE" });
    expect(await describeInvitation(token)).toEqual({ email });

    const weak = await acceptStaffInvitation({ token, password: "password", client });
    expect(weak).toMatchObject({ ok: false, code: "PASSWORD_REJECTED" });
    expect(await db.passwordCredential.findUnique({ where: { userId: invited.userId } })).toBeNull();

    expect(await acceptStaffInvitation({ token, password: PASSWORD, client })).toEqual({ ok: true, email });
    const user = await db.user.findUniqueOrThrow({
      where: { id: invited.userId },
      include: { passwordCredential: true },
    });
    expect(user.emailVerifiedAt).not.toBeNull();
    expect(user.passwordCredential).not.toBeNull();
    expect(
      await db.auditEvent.count({ where: { type: "staff.invitation_accepted", subjectUserId: user.id } }),
    ).toBe(1);

    // [ATTACKER] the spent link, or a made-up one, sets nothing.
    expect(await acceptStaffInvitation({ token, password: "Ein anderer Satz für später", client })).toEqual({
      ok: false,
      code: "INVALID_TOKEN",
    });
    expect(await describeInvitation(token)).toBeNull();
    expect(await acceptStaffInvitation({ token: invited.userId, password: PASSWORD, client })).toEqual({
      ok: false,
      code: "INVALID_TOKEN",
    });
  });

  it("gives staff sessions 15 minutes idle and 8 hours, remember me or not; customers keep theirs", async () => {
    const actor = await admin();
    const customer = await createCustomer(db, { proven: true });
    const open = async (userId: string) => {
      const started = Date.now();
      const session = await createSession({
        userId,
        deviceId: null,
        methods: ["PASSWORD"],
        rememberMe: true,
        client,
      });
      const row = await db.session.findUniqueOrThrow({ where: { id: session.id } });
      return {
        rememberMe: row.rememberMe,
        idleMinutes: Math.round((row.idleExpiresAt.getTime() - started) / 60_000),
        absoluteHours: Math.round((row.absoluteExpiresAt.getTime() - started) / 3_600_000),
      };
    };
    expect(await open(actor.userId)).toEqual({ rememberMe: false, idleMinutes: 15, absoluteHours: 8 });
    expect(await open(customer.id)).toEqual({
      rememberMe: true,
      idleMinutes: 7 * 24 * 60,
      absoluteHours: 30 * 24,
    });
  });
});
