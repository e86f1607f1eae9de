/**
 * Staff sessions (docs/decisions/0040, 0041): a staff page or action needs a session that USED a
 * passkey or the authenticator app (AAL2), not one opened with the password or a mailed code;
 * staff sessions end after 15 minutes idle and 8 hours; a staff invitation link is single-use.
 */
import { createActor, createSession, STRONGEST } from "./support/actors";
import { e2eDb, uniqueEmail } from "../e2e/support/users";
import { BASE_URL, clientIp, outcomeOf, PortalClient } from "./support/portal-client";
import { expect, test } from "./fixtures";

const location = (r: Response) => (r.headers.get("location") ?? "").replace(BASE_URL, "");

async function clientFor(userId: string, opts: Parameters<typeof createSession>[1]) {
  const { token, sessionId } = await createSession(userId, opts);
  return { client: new PortalClient(clientIp(`staff-${sessionId}`), { sessionToken: token }), sessionId };
}

test("[ATTACKER] a staff session opened with the password or a mailed code is sent to step up", async () => {
  const agent = await createActor("SUPPORT");
  for (const weak of [
    { authMethods: ["PASSWORD"], aal: 1 as const },
    // The sign-in's second step records AAL2 for a mailed code; it proves the mailbox only.
    { authMethods: ["PASSWORD", "EMAIL_CODE"], aal: 2 as const },
  ]) {
    const { client } = await clientFor(agent.id, weak);
    const response = await client.fetch("/support");
    expect(Math.floor(response.status / 100), weak.authMethods.join("+")).toBe(3);
    expect(location(response)).toBe("/login/step-up?callbackUrl=%2Fsupport");
  }
  const { client } = await clientFor(agent.id, STRONGEST);
  expect((await client.fetch("/support")).status).toBe(200);
});

test("[ATTACKER] an admin action from a session without a used second factor invites nobody", async () => {
  const admin = await createActor("ADMIN");
  const { client } = await clientFor(admin.id, { authMethods: ["PASSWORD", "EMAIL_CODE"], aal: 2 });
  const email = uniqueEmail("invitee");
  const reply = await client.action("inviteStaffAction", [{ email, role: "ADMIN" }]);
  expect(outcomeOf(reply)).toBe("code:STEP_UP_REQUIRED");
  expect(await e2eDb().user.findUnique({ where: { emailNormalized: email } })).toBeNull();
});

test("[ATTACKER] a staff session idle for 15 minutes, or 8 hours old, no longer opens anything", async () => {
  const agent = await createActor("SUPPORT");
  const customer = await createActor("CUSTOMER");
  const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);
  const idle = await clientFor(agent.id, STRONGEST);
  const old = await clientFor(agent.id, STRONGEST);
  const customerIdle = await clientFor(customer.id, {});
  await e2eDb().session.update({ where: { id: idle.sessionId }, data: { lastSeenAt: ago(16) } });
  await e2eDb().session.update({ where: { id: old.sessionId }, data: { createdAt: ago(8 * 60 + 1) } });
  await e2eDb().session.update({ where: { id: customerIdle.sessionId }, data: { lastSeenAt: ago(16) } });

  for (const { client } of [idle, old]) {
    const response = await client.fetch("/account");
    expect(Math.floor(response.status / 100)).toBe(3);
    expect(location(response)).toMatch(/^\/login\?callbackUrl=/);
  }
  // The same idleness is fine for a customer (60 minutes): the check can fail.
  expect((await customerIdle.client.fetch("/account")).status).toBe(200);
});

test("[ATTACKER] a customer cannot invite, and an invitation link works once", async () => {
  const customer = await createActor("CUSTOMER");
  const { client } = await clientFor(customer.id, STRONGEST);
  const email = uniqueEmail("selfmade");
  const reply = await client.action("inviteStaffAction", [{ email, role: "ADMIN" }]);
  expect(outcomeOf(reply)).toBe("not-found");
  expect(await e2eDb().user.findUnique({ where: { emailNormalized: email } })).toBeNull();

  const admin = await createActor("ADMIN");
  const adminClient = (await clientFor(admin.id, STRONGEST)).client;
  const invitee = uniqueEmail("invitee");
  expect(
    outcomeOf(await adminClient.action("inviteStaffAction", [{ email: invitee, role: "SUPPORT" }])),
  ).toBe("ok");
  const user = await e2eDb().user.findUniqueOrThrow({ where: { emailNormalized: invitee } });
  // The mailed token is only in the mail; a forged one and a guessed one are refused alike.
  const anonymous = new PortalClient(clientIp("invitee"));
  const forged = await anonymous.action("acceptStaffInvitationAction", [
    { token: user.id, password: "Ein neuer Satz für 2026" },
  ]);
  expect(outcomeOf(forged)).toBe("code:NOT_FOUND");
  expect(await e2eDb().passwordCredential.findUnique({ where: { userId: user.id } })).toBeNull();
});
