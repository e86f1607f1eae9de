/**
 * What a sign-in costs the database (issue 16), on SQLite and PostgreSQL: the SQL statements the
 * drivers execute for one password and one passkey sign-in from a known browser, counted by the
 * bench's counter (scripts/bench/query-counter.ts). The budgets are the figures after the cuts
 * (docs/decisions/0071): a change that reads the account again, opens another transaction or
 * counts a limiter on its own fails here, and the audit trail must stay what it was.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { installQueryCounter, queryCounts } from "../../scripts/bench/query-counter";
import {
  closeDoor,
  clientAt,
  db,
  openDoor,
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
