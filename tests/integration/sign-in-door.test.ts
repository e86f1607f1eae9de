/**
 * One door into a session (docs/decisions/0020), on SQLite and PostgreSQL: every way in — password,
 * passkey, a returning social identity, and the social link at /login/link — meets the same risk
 * assessment, block, second-factor and staff rules. The table runs each path against a customer
 * with an authenticator app, a staff member, a medium-risk and a high-risk sign-in. How the social
 * paths complete is in sign-in-door-social.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { hashToken } from "@/lib/server/crypto/token-hash";
import type { ClientInfo } from "@/lib/server/request/client-info";
import {
  db,
  BERLIN,
  PARIS,
  NEW_YORK,
  unique,
  clientAt,
  type Person,
  person,
  signedInBefore,
  PATHS,
  countAudit,
  openDoor,
  closeDoor,
} from "../support/sign-in-door";

vi.mock("@/lib/server/identity/notify", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/server/identity/notify")>()),
  sendMailInBackground: () => undefined,
}));

beforeAll(openDoor);
afterAll(closeDoor);

type Scenario = {
  setUp: () => Promise<{ person: Person; client: ClientInfo }>;
  /** Per path: what the door must answer. */
  expected: Record<keyof typeof PATHS, "session" | "second-factor" | "blocked">;
  factors?: string[];
};

const SCENARIOS: Record<string, Scenario> = {
  "a customer with an authenticator app": {
    setUp: async () => ({ person: await person({ totp: true }), client: clientAt(null) }),
    // A user-verified passkey already is two factors.
    expected: {
      password: "second-factor",
      passkey: "session",
      social: "second-factor",
      "social link": "second-factor",
    },
    factors: ["TOTP", "RECOVERY_CODE"],
  },
  "a staff member": {
    setUp: async () => ({ person: await person({ role: "SUPPORT" }), client: clientAt(null) }),
    expected: {
      password: "second-factor",
      passkey: "session",
      social: "second-factor",
      "social link": "second-factor",
    },
    factors: ["EMAIL_CODE"],
  },
  "a medium-risk sign-in (new device, new country)": {
    setUp: async () => {
      const p = await person();
      await signedInBefore(p.id, BERLIN, 24);
      return { person: p, client: clientAt(PARIS) };
    },
    expected: {
      password: "second-factor",
      passkey: "session",
      social: "second-factor",
      "social link": "second-factor",
    },
    factors: ["EMAIL_CODE"],
  },
  "a high-risk sign-in (impossible travel from a new device)": {
    setUp: async () => {
      const p = await person();
      await signedInBefore(p.id, BERLIN, 1);
      return { person: p, client: clientAt(NEW_YORK) };
    },
    expected: { password: "blocked", passkey: "blocked", social: "blocked", "social link": "blocked" },
  },
};

describe("every way in meets the same rules", () => {
  for (const [scenarioName, scenario] of Object.entries(SCENARIOS)) {
    for (const path of Object.keys(PATHS)) {
      const expected = scenario.expected[path]!;
      it(`${path} × ${scenarioName} → ${expected}`, async () => {
        const { person: p, client } = await scenario.setUp();
        const sessionsBefore = await db.session.count({ where: { userId: p.id } });
        const assessedBefore = await countAudit(p.id, "auth.risk_assessed");

        const outcome = await PATHS[path]!({ person: p, client, deviceCookieId: `device-${unique()}` });

        expect(outcome.kind).toBe(expected);
        expect(await countAudit(p.id, "auth.risk_assessed")).toBe(assessedBefore + 1);
        if (expected !== "session") {
          expect(await db.session.count({ where: { userId: p.id } })).toBe(sessionsBefore);
        }
        if (expected === "blocked") {
          expect(await countAudit(p.id, "auth.sign_in_blocked_by_risk")).toBe(1);
        }
        if (expected === "second-factor" && outcome.pendingToken) {
          const pending = await db.pendingSignIn.findUniqueOrThrow({
            where: { tokenHash: hashToken(outcome.pendingToken) },
          });
          expect(pending.userId).toBe(p.id);
          expect(pending.allowedFactors).toEqual(scenario.factors);
        }
        if (path === "social link") {
          // Nothing is linked before the sign-in is complete.
          const linked = await db.socialIdentity.count({ where: { userId: p.id } });
          expect(linked).toBe(expected === "session" ? 2 : 1);
        }
      });
    }
  }
});
