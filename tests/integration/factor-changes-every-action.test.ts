/**
 * Every action of tests/support/factor-changing-actions.ts, called as its form would through the
 * real server action on SQLite and PostgreSQL, refuses a recent session whose last authentication
 * was weaker than the account's strongest factor (docs/decisions/0024), and changes nothing.
 */
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { changeEmailAction, changePasswordAction } from "@/lib/actions/account-security";
import {
  confirmTotpAction,
  regenerateRecoveryCodesAction,
  startTotpEnrolmentAction,
} from "@/lib/actions/factors";
import {
  finishPasskeyRegistrationAction,
  removePasskeyAction,
  startPasskeyRegistrationAction,
} from "@/lib/actions/passkeys";
import { startSocialConnectAction, unlinkSocialIdentityAction } from "@/lib/actions/social";
import { FACTOR_CHANGING_ACTIONS } from "../support/factor-changing-actions";
import { redirectOf, resetRequest } from "../support/next-request";
import { SoftwareAuthenticator } from "../support/software-authenticator";
import { db, PASSWORD, client, turnOffApp, customer, signedIn, factorsOf } from "../support/factor-changes";

vi.mock("next/headers", async () => (await import("../support/next-request")).nextHeaders);
vi.mock("next/navigation", async () => (await import("../support/next-request")).nextNavigation);
vi.mock("next/cache", async () => (await import("../support/next-request")).nextCache);
vi.mock("next-intl/server", async () => (await import("../support/next-request")).nextIntlServer);

afterAll(() => db.$disconnect());

beforeEach(() => resetRequest({ ip: client.ip }));

describe("every factor-changing action", () => {
  /** Each action of the list, called as its form would; true when it refused with a step-up. */
  const attempts: Record<
    (typeof FACTOR_CHANGING_ACTIONS)[number],
    (ids: { passkeyId: string; identityId: string }) => Promise<boolean>
  > = {
    "account-security.changeEmailAction": async () =>
      refused(await changeEmailAction({ newEmail: `neu.${Date.now()}@example.com` })),
    "account-security.changePasswordAction": async () =>
      refused(await changePasswordAction({ newPassword: "Ein ganz neues Passwort 2026" })),
    "factors.confirmTotpAction": async () => refused(await confirmTotpAction({ code: "123456" })),
    "factors.disableTotpAction": async () =>
      refused(await turnOffApp({ proof: "password", secret: PASSWORD })),
    "factors.regenerateRecoveryCodesAction": async () => refused(await regenerateRecoveryCodesAction()),
    "factors.startTotpEnrolmentAction": async () => sentToStepUp(() => startTotpEnrolmentAction()),
    "passkeys.finishPasskeyRegistrationAction": async () =>
      refused(await finishPasskeyRegistrationAction({})),
    "passkeys.removePasskeyAction": async ({ passkeyId }) =>
      refused(await removePasskeyAction({ passkeyId })),
    "passkeys.startPasskeyRegistrationAction": async () => refused(await startPasskeyRegistrationAction()),
    "social.startSocialConnectAction": async () => refused(await startSocialConnectAction("test-idp")),
    "social.unlinkSocialIdentityAction": async ({ identityId }) => {
      const form = new FormData();
      form.set("identityId", identityId);
      return sentToStepUp(() => unlinkSocialIdentityAction(form));
    },
  };

  function refused(result: { ok: boolean; code?: string }): boolean {
    return result.ok === false && result.code === "STEP_UP_REQUIRED";
  }

  async function sentToStepUp(action: () => Promise<unknown>): Promise<boolean> {
    return (await redirectOf(action)).startsWith("/login/step-up?");
  }

  it("is in the table below", () => {
    expect(Object.keys(attempts).sort()).toEqual([...FACTOR_CHANGING_ACTIONS].sort());
  });

  it.each(FACTOR_CHANGING_ACTIONS)(
    "%s refuses a recent session weaker than the strongest factor",
    async (name) => {
      const passkey = new SoftwareAuthenticator();
      // Password + app, and a passkey: the strongest factor is the passkey.
      const user = await customer({ totp: true, passkeys: [passkey] });
      await signedIn(user.id, { methods: ["PASSWORD", "TOTP"], aal: 2 });
      const before = await factorsOf(user.id);
      const passkeyId = (await db.passkey.findFirstOrThrow({ where: { userId: user.id } })).id;
      const identityId = (await db.socialIdentity.findFirstOrThrow({ where: { userId: user.id } })).id;

      expect(await attempts[name]({ passkeyId, identityId })).toBe(true);
      expect(await factorsOf(user.id)).toEqual(before);
      expect(await db.verificationToken.count({ where: { userId: user.id, purpose: "EMAIL_CHANGE" } })).toBe(
        0,
      );
    },
  );
});
