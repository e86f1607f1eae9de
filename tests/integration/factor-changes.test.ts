/**
 * Changing a factor needs the account's strongest factor (docs/decisions/0024), on SQLite and
 * PostgreSQL, through the real server actions (only Next's request APIs are stand-ins): a session
 * whose last authentication was weaker than the strongest factor, however recent, is sent to the
 * step-up; the step-up with the strongest factor lets the change through, which is audited and
 * mailed; the step-up is throttled and its failures audited. Every factor-changing action is tried
 * in factor-changes-every-action.test.ts.
 */
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { removePasskeyAction } from "@/lib/actions/passkeys";
import {
  finishStepUpPasskeyAction,
  startStepUpPasskeyAction,
  stepUpWithPasswordAction,
} from "@/lib/actions/step-up";
import { generateTotpCode } from "@/lib/server/factors/totp";
import { resetRequest } from "../support/next-request";
import { SoftwareAuthenticator } from "../support/software-authenticator";
import {
  db,
  PASSWORD,
  client,
  HOUR_AGO,
  turnOffApp,
  customer,
  signedIn,
  factorsOf,
  auditTypes,
  waitForOutboxMail,
} from "../support/factor-changes";

vi.mock("next/headers", async () => (await import("../support/next-request")).nextHeaders);
vi.mock("next/navigation", async () => (await import("../support/next-request")).nextNavigation);
vi.mock("next/cache", async () => (await import("../support/next-request")).nextCache);
vi.mock("next-intl/server", async () => (await import("../support/next-request")).nextIntlServer);

afterAll(() => db.$disconnect());

beforeEach(() => resetRequest({ ip: client.ip }));

describe("the authenticator app", () => {
  it("cannot be turned off by a session whose last step-up was the password alone", async () => {
    const user = await customer({ totp: true });
    await signedIn(user.id, { methods: ["PASSWORD"] });

    const result = await turnOffApp({ proof: "password", secret: PASSWORD });
    expect(result).toMatchObject({ ok: false, code: "STEP_UP_REQUIRED" });
    expect((await factorsOf(user.id)).totp).toBe("active");
    expect(await auditTypes(user.id)).toContain("auth.strong_auth_required");
  });

  it("is turned off after a step-up with password and code; the customer is told by mail", async () => {
    const user = await customer({ totp: true });
    await signedIn(user.id, { methods: ["PASSWORD", "TOTP"], aal: 2, authenticatedAt: HOUR_AGO() });

    expect(await turnOffApp()).toMatchObject({
      ok: false,
      code: "STEP_UP_REQUIRED",
    });
    // The password alone does not confirm an account with the app.
    expect(await stepUpWithPasswordAction({ password: PASSWORD })).toMatchObject({ ok: false });
    const next = generateTotpCode({ secret: user.secret, now: Date.now() + 30_000 });
    expect(await stepUpWithPasswordAction({ password: PASSWORD, totpCode: next })).toEqual({
      ok: true,
      data: null,
    });

    expect(await turnOffApp()).toEqual({ ok: true, data: { disabled: true } });
    expect(await factorsOf(user.id)).toMatchObject({ totp: "none", recoveryCodes: 0 });
    expect(await auditTypes(user.id)).toEqual(
      expect.arrayContaining(["auth.step_up_succeeded", "auth.totp_disabled"]),
    );
    expect(await waitForOutboxMail(user.email, "factor-removed")).toContain("Authenticator-App");
  });

  it("can be turned off by a session that signed in with a recovery code (the phone is lost)", async () => {
    const user = await customer({ totp: true });
    await signedIn(user.id, { methods: ["PASSWORD", "RECOVERY_CODE"], aal: 2 });
    expect(await turnOffApp()).toEqual({ ok: true, data: { disabled: true } });
    expect((await factorsOf(user.id)).totp).toBe("none");
  });

  it("throttles the step-up in front of it and audits every failure", async () => {
    const user = await customer({ totp: true });
    await signedIn(user.id, { methods: ["PASSWORD", "TOTP"], aal: 2, authenticatedAt: HOUR_AGO() });
    let attempts = 0;
    let last = await stepUpWithPasswordAction({ password: PASSWORD, totpCode: "000000" });
    while (last.ok === false && last.code !== "RATE_LIMITED" && attempts < 12) {
      attempts++;
      last = await stepUpWithPasswordAction({ password: PASSWORD, totpCode: `00000${attempts % 10}` });
    }
    expect(last).toMatchObject({ ok: false, code: "RATE_LIMITED" });
    const failures = (await auditTypes(user.id)).filter((t) => t === "auth.step_up_failed");
    expect(failures).toHaveLength(attempts);
    expect(attempts).toBeGreaterThanOrEqual(3);
    expect(await turnOffApp()).toMatchObject({
      ok: false,
      code: "STEP_UP_REQUIRED",
    });
    expect((await factorsOf(user.id)).totp).toBe("active");
  });
});

describe("passkeys", () => {
  it("a passkey user signed in with the password removes a passkey only after a passkey step-up", async () => {
    const [mine, other] = [new SoftwareAuthenticator(), new SoftwareAuthenticator()];
    const user = await customer({ passkeys: [mine, other] });
    await signedIn(user.id, { methods: ["PASSWORD"] });
    const target = await db.passkey.findFirstOrThrow({ where: { credentialId: other.credentialId } });

    expect(await removePasskeyAction({ passkeyId: target.id })).toMatchObject({
      ok: false,
      code: "STEP_UP_REQUIRED",
    });
    expect((await factorsOf(user.id)).passkeys).toBe(2);

    const options = await startStepUpPasskeyAction();
    if (!options.ok) throw new Error(options.code);
    expect(
      await finishStepUpPasskeyAction(mine.assert(options.data.challenge, { userHandle: user.handle })),
    ).toEqual({
      ok: true,
      data: null,
    });
    expect(await removePasskeyAction({ passkeyId: target.id })).toEqual({ ok: true, data: null });
    expect((await factorsOf(user.id)).passkeys).toBe(1);
    expect(await waitForOutboxMail(user.email, "factor-removed")).toContain("Passkey");
  });
});
