/**
 * What a sign-in costs the database (issue 16), on SQLite and PostgreSQL: the SQL statements the
 * drivers execute for one password and one passkey sign-in from a known browser, counted by the
 * bench's counter (scripts/bench/query-counter.ts). The budgets are the figures after the cuts
 * (docs/decisions/0071): a change that reads the account again, opens another transaction or
 * counts a limiter on its own fails here, and the audit trail must stay what it was. The landing
 * the door returns replaces the actions' own reads of status and roles: it must say the same.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { signInWithPassword } from "@/lib/server/identity/sign-in";
import { passkeyAuthenticationOptions } from "@/lib/server/passkeys/passkey-authentication";
import { signInWithPasskey } from "@/lib/server/passkeys/passkey-sign-in";
import { installQueryCounter, queryCounts } from "../../scripts/bench/query-counter";
import {
  closeDoor,
  clientAt,
  db,
  openDoor,
  PASSWORD,
  PATHS,
  person,
  unique,
  type Person,
} from "../support/sign-in-door";

vi.mock("@/lib/server/identity/notify", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/server/identity/notify")>()),
  sendMailInBackground: () => undefined,
  sendSecurityPushInBackground: () => undefined,
}));

/** Statements per sign-in, known browser, low risk, no second factor: the same on both databases. */
const BUDGET = { password: 35, passkey: 38 };

beforeAll(async () => {
  await openDoor();
  installQueryCounter();
});
afterAll(closeDoor);

async function auditTypes(userId: string, since: Date): Promise<string[]> {
  const rows = await db.auditEvent.findMany({
    where: { subjectUserId: userId, createdAt: { gte: since } },
    orderBy: { sequence: "asc" },
    select: { type: true },
  });
  return rows.map((r) => r.type);
}

/** Signs in once so the browser is known, then counts the statements of a second sign-in. */
async function measure(path: "password" | "passkey"): Promise<{ statements: number; events: string[] }> {
  const someone: Person = await person();
  const client = clientAt(null);
  const deviceCookieId = `statements-${unique()}`;
  expect((await PATHS[path]!({ person: someone, client, deviceCookieId })).kind).toBe("session");
  const since = new Date();
  const before = queryCounts().statements;
  const outcome = await PATHS[path]!({ person: someone, client, deviceCookieId });
  const statements = queryCounts().statements - before;
  expect(outcome.kind).toBe("session");
  return { statements, events: await auditTypes(someone.id, since) };
}

describe("statements per sign-in from a known browser", () => {
  it("password: within the budget, with the same audit events", async () => {
    const { statements, events } = await measure("password");
    console.log(`[statements] password sign-in: ${statements}`);
    expect(events).toEqual(["auth.risk_assessed", "auth.sign_in_succeeded"]);
    expect(statements).toBeLessThanOrEqual(BUDGET.password);
  });

  it("passkey: within the budget, with the same audit events", async () => {
    const { statements, events } = await measure("passkey");
    console.log(`[statements] passkey sign-in: ${statements}`);
    expect(events).toEqual(["auth.risk_assessed", "auth.passkey_signed_in"]);
    expect(statements).toBeLessThanOrEqual(BUDGET.passkey);
  });
});

describe("the landing the door hands the sign-in actions (no third read of the account)", () => {
  it("sends a customer in the deletion grace period to the page that offers to cancel", async () => {
    const someone = await person();
    await db.user.update({
      where: { id: someone.id },
      data: {
        status: "PENDING_DELETION",
        deletionRequestedAt: new Date(),
        deletionScheduledFor: new Date(Date.now() + 30 * 86_400_000),
      },
    });
    const outcome = await signInWithPassword({
      email: someone.email,
      password: PASSWORD,
      rememberMe: false,
      deviceCookieId: `landing-${unique()}`,
      client: clientAt(null),
    });
    expect(outcome.ok && outcome.landing).toEqual({ deletionPending: true, home: "/account" });
  });

  it("sends staff signed in with a user-verified passkey to their console", async () => {
    const staff = await person({ role: "SUPPORT" });
    const options = await passkeyAuthenticationOptions({ tx: db });
    const response = staff.authenticator.assert(options.challenge, { userHandle: staff.handle });
    const outcome = await signInWithPasskey({
      response,
      deviceCookieId: `landing-${unique()}`,
      client: clientAt(null),
    });
    expect(outcome.ok && outcome.landing).toEqual({ deletionPending: false, home: "/support" });
  });
});
