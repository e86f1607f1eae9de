/**
 * The mailbox-proof rule (docs/decisions/0018), first half, through the real domain functions on
 * SQLite and PostgreSQL: while an address is unproven every way to add a credential, factor,
 * identity, push device or bank account is refused and writes nothing (what the first proof then
 * removes: account-reclaim.test.ts).
 */
import { afterAll, describe, expect, it, vi } from "vitest";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { AddBankAccountSchema, ChangeBankAccountSchema } from "@/lib/schemas/bank-account";
import { addBankAccount, changeBankAccount } from "@/lib/server/bank-accounts/bank-accounts";
import { generateTotpCode } from "@/lib/server/factors/totp";
import {
  confirmTotpEnrolment,
  regenerateRecoveryCodes,
  startTotpEnrolment,
} from "@/lib/server/factors/totp-factors";
import { changePassword } from "@/lib/server/identity/change-password";
import { AddressUnprovenError } from "@/lib/server/identity/mailbox-proof";
import { completeSocialLink, connectSocialIdentity } from "@/lib/server/identity/social-link";
import { issueToken } from "@/lib/server/identity/tokens";
import { addPasskey } from "@/lib/server/passkeys/manage-passkeys";
import { passkeyRegistrationOptions } from "@/lib/server/passkeys/passkey-registration";
import { savePushSubscription } from "@/lib/server/push/push-subscriptions";
import {
  actorOf,
  addBankFor,
  client,
  createCustomer,
  enableTotp,
  IBAN,
  PASSWORD,
  pushEndpoint,
  pushKeys,
  startTotp,
  unique,
  unprove,
  type Customer,
} from "../support/customers";
import { SoftwareAuthenticator } from "../support/software-authenticator";
import { customerActor } from "@/lib/server/actor";

// Notices are not the subject here, and the push endpoints below are made up: nothing is sent.
vi.mock("@/lib/server/identity/notify", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/server/identity/notify")>()),
  sendMailInBackground: () => undefined,
  sendSecurityPushInBackground: () => undefined,
}));

const db = createPrismaClient();
afterAll(() => db.$disconnect());

/**
 * Every domain function that adds a credential, factor, identity, push device or bank account.
 * `prepare` runs while the address is proven (the state an account could be in before the rule);
 * `written` counts what the attempt would have written. A new way to add any of these belongs here.
 */
const ADDING: {
  name: string;
  password?: boolean;
  prepare?: (user: Customer) => Promise<unknown>;
  attempt: (user: Customer, prepared: unknown) => Promise<unknown>;
  /** A snapshot of what the attempt would write (a count or the rows' ids). */
  written: (userId: string) => Promise<unknown>;
}[] = [
  {
    name: "passkey registration options",
    attempt: (u) => passkeyRegistrationOptions({ id: u.id, email: u.email, displayName: null }, { tx: db }),
    written: (userId) => db.webAuthnChallenge.count({ where: { userId } }),
  },
  {
    name: "adding a passkey",
    attempt: (u) => addPasskey(actorOf(u), new SoftwareAuthenticator().register("never-issued")),
    written: (userId) => db.passkey.count({ where: { userId } }),
  },
  {
    name: "starting an authenticator app",
    attempt: (u) => startTotpEnrolment(u.id),
    written: (userId) => db.totpFactor.count({ where: { userId } }),
  },
  {
    name: "confirming an authenticator app",
    prepare: (u) => startTotp(db, u),
    attempt: (u, secret) =>
      confirmTotpEnrolment({ userId: u.id, code: generateTotpCode({ secret: secret as string }), client }),
    written: (userId) => db.totpFactor.count({ where: { userId, confirmedAt: { not: null } } }),
  },
  {
    name: "new recovery codes",
    prepare: (u) => enableTotp(db, u),
    attempt: (u) => regenerateRecoveryCodes({ userId: u.id, client }),
    written: (userId) => db.recoveryCode.findMany({ where: { userId }, select: { id: true } }),
  },
  {
    name: "connecting a social identity",
    attempt: (u) =>
      connectSocialIdentity({ userId: u.id, provider: "testidp", subject: unique(), email: u.email, client }),
    written: (userId) => db.socialIdentity.count({ where: { userId } }),
  },
  {
    name: "linking a social identity at /login/link",
    prepare: (u) =>
      db.$transaction((tx) =>
        issueToken(
          {
            userId: u.id,
            purpose: "SOCIAL_LINK",
            payload: { provider: "testidp", subject: unique(), email: u.email },
          },
          { tx },
        ),
      ),
    attempt: (_u, token) =>
      completeSocialLink({ token: token as string, password: PASSWORD, deviceCookieId: unique(), client }),
    written: (userId) => db.socialIdentity.count({ where: { userId } }),
  },
  {
    name: "subscribing a push device",
    attempt: (u) =>
      savePushSubscription(customerActor(u.id, client, "s"), { endpoint: pushEndpoint(), keys: pushKeys }),
    written: (userId) => db.pushSubscription.count({ where: { userId } }),
  },
  {
    name: "adding a bank account",
    attempt: (u) =>
      addBankAccount(
        actorOf(u),
        AddBankAccountSchema.parse({ holderName: "E M", iban: IBAN, bic: "", grantMandate: false }),
        { locale: "de" },
      ),
    written: (userId) => db.bankAccount.count({ where: { userId } }),
  },
  {
    name: "changing a bank account's IBAN",
    prepare: (u) => addBankFor(db, u),
    attempt: (u, bankAccountId) =>
      db.$transaction((tx) =>
        changeBankAccount(
          {
            userId: u.id,
            details: ChangeBankAccountSchema.parse({
              bankAccountId,
              holderName: "E M",
              iban: "AT611904300234573201",
              bic: "",
              grantMandate: false,
            }),
          },
          { tx },
        ),
      ),
    written: (userId) => db.bankAccount.count({ where: { userId, ibanCountry: "AT" } }),
  },
  {
    name: "setting a first password on a passkey-only account",
    password: false,
    attempt: (u) => changePassword(customerActor(u.id, client, "s"), "Ein zweiter Weg in dieses Konto"),
    written: (userId) => db.passwordCredential.count({ where: { userId } }),
  },
];

async function outcomeOf(run: () => Promise<unknown>): Promise<"ADDRESS_UNPROVEN" | "OTHER"> {
  try {
    const value = await run();
    const code = (value as { code?: unknown } | null)?.code;
    return code === "ADDRESS_UNPROVEN" ? "ADDRESS_UNPROVEN" : "OTHER";
  } catch (error) {
    if (error instanceof AddressUnprovenError) return "ADDRESS_UNPROVEN";
    throw error;
  }
}

describe("while the address is unproven", () => {
  it.each(ADDING.map((a) => [a.name, a] as const))("%s is refused and writes nothing", async (_name, a) => {
    const user = await createCustomer(db, { proven: true, password: a.password });
    const prepared = await a.prepare?.(user);
    await unprove(db, user.id);
    const before = await a.written(user.id);
    expect(await outcomeOf(() => a.attempt(user, prepared))).toBe("ADDRESS_UNPROVEN");
    expect(await a.written(user.id)).toEqual(before);
  });

  it.each(ADDING.map((a) => [a.name, a] as const))(
    "%s is not refused once it is proven",
    async (_name, a) => {
      // The control: the refusal above is the mailbox-proof guard, not another check.
      const user = await createCustomer(db, { proven: true, password: a.password });
      const prepared = await a.prepare?.(user);
      expect(await outcomeOf(() => a.attempt(user, prepared))).toBe("OTHER");
    },
  );

  it("changing the account's one password stays possible", async () => {
    const user = await createCustomer(db, { proven: false });
    const result = await changePassword(customerActor(user.id, client, "s"), "Ein neues eigenes Passwort");
    expect(result).toMatchObject({ ok: true });
  });
});
