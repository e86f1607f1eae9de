import "server-only";
/**
 * Proof of the mailbox (docs/decisions/0018). An address anyone can type is not an identity until
 * its owner has opened a link we mailed to it:
 * - until then (User.emailVerifiedAt null) the account holds only the credential it was created
 *   with; every domain function that adds a credential, factor, identity, device or bank account
 *   calls requireProvenAddress first;
 * - the first proof by a password-reset link is a reclaim: reclaimUnprovenAccount removes all
 *   that an unproven party set up, so whoever registered the address first keeps nothing;
 * - "Das war ich nicht" on the verification page discards the unproven account altogether.
 * Later features that prove the mailbox (support-sent reset, e-mailed sign-in codes) call these
 * same functions.
 */
import { AppError } from "@/lib/errors";
import { toLocale } from "@/lib/i18n/config";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { endMandates } from "@/lib/server/bank-accounts/sepa-mandates";
import { endEmailNewsletter } from "@/lib/server/communication/newsletter-state";
import { currentConsents } from "@/lib/server/consent/current-consent";
import { recordConsent } from "@/lib/server/consent/record-consent";
import { applyConsentWithdrawal } from "@/lib/server/consent/withdrawal-effects";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { revokeSessions } from "@/lib/server/sessions/sessions";
import { db, type Tx } from "@/lib/db";
import { anonymousActor, customerActor } from "@/lib/server/actor";

/**
 * Thrown by requireProvenAddress. Actions refuse an unproven account before they get here
 * (lib/auth/proven-address.ts), so reaching it means a caller skipped that check; an exception
 * cannot be ignored the way a returned code can, and the write never happens.
 */
export class AddressUnprovenError extends AppError {
  constructor() {
    super("ADDRESS_UNPROVEN", "the account's address is not proven yet");
    this.name = "AddressUnprovenError";
  }
}

export async function isAddressProven(userId: string, { tx = db }: { tx?: Tx } = {}): Promise<boolean> {
  const user = await tx.user.findUnique({ where: { id: userId }, select: { emailVerifiedAt: true } });
  return user?.emailVerifiedAt != null;
}

/** The guard before adding anything that lets someone into, or speaks for, the account. */
export async function requireProvenAddress(userId: string, { tx = db }: { tx?: Tx } = {}): Promise<void> {
  if (!(await isAddressProven(userId, { tx }))) throw new AddressUnprovenError();
}

export type ReclaimReport = Record<
  | "passwords"
  | "passkeys"
  | "totpFactors"
  | "recoveryCodes"
  | "socialIdentities"
  | "sessionsRevoked"
  | "pendingSignIns"
  | "devices"
  | "pushSubscriptions"
  | "tokensVoided"
  | "addresses"
  | "bankAccounts"
  | "consentsWithdrawn",
  number
>;

/**
 * How the mailbox was proven. A reset link (the default) reclaims everything: its user may not know
 * the account's credential at all. A sign-in by e-mailed code (docs/decisions/0057) was made by
 * someone who passed the first step too: it keeps that sign-in (its session, its device and the
 * credential its first step used) and the customer's data, and removes every other way in.
 */
export type MailboxProof =
  | { kind: "PASSWORD_RESET" }
  | { kind: "SIGN_IN_CODE"; sessionId: string; deviceId: string | null; keep: KeptCredential };
type KeptCredential = { password: true } | { passkeyId: string } | { socialIdentityId: string } | null;

/**
 * The first proof of the mailbox on an account whose address was unproven: removes every
 * credential (the password too; the caller then sets the one the proof came with), factor, social
 * identity, session, pending sign-in, device, push subscription, open link and challenge, the
 * addresses, bank accounts and profile data, withdraws the optional consents (appended records),
 * marks the address proven and writes auth.account_reclaimed with the counts. In the caller's
 * transaction, so the proof and the clean-up commit together or not at all. A SIGN_IN_CODE proof
 * keeps what `MailboxProof` says.
 */
export async function reclaimUnprovenAccount(
  opts: { userId: string; client: ClientInfo; proof?: MailboxProof },
  { tx = db }: { tx?: Tx } = {},
): Promise<ReclaimReport> {
  const { userId, client } = opts;
  const proof: MailboxProof = opts.proof ?? { kind: "PASSWORD_RESET" };
  const bySignIn = proof.kind === "SIGN_IN_CODE" ? proof : null;
  const kept = bySignIn?.keep ?? null;
  const now = new Date();
  // Conditional on the address still being unproven: of two concurrent proofs only one reclaims.
  const { count } = await tx.user.updateMany({
    where: { id: userId, emailVerifiedAt: null },
    data: bySignIn
      ? { emailVerifiedAt: now, ...(kept && "passkeyId" in kept ? {} : { webauthnUserId: null }) }
      : { emailVerifiedAt: now, webauthnUserId: null, displayName: null },
  });
  if (count !== 1) throw new Error("reclaimUnprovenAccount: the address is already proven");
  const user = await tx.user.findUniqueOrThrow({ where: { id: userId } });
  const locale = toLocale(user.locale);
  const mine = { where: { userId } };
  const except = (id: string | undefined) => ({ where: { userId, ...(id ? { id: { not: id } } : {}) } });

  const passwords = kept && "password" in kept ? 0 : (await tx.passwordCredential.deleteMany(mine)).count;
  const passkeys = (
    await tx.passkey.deleteMany(except(kept && "passkeyId" in kept ? kept.passkeyId : undefined))
  ).count;
  const totpFactors = (await tx.totpFactor.deleteMany(mine)).count;
  const recoveryCodes = (await tx.recoveryCode.deleteMany(mine)).count;
  const socialIdentities = (
    await tx.socialIdentity.deleteMany(
      except(kept && "socialIdentityId" in kept ? kept.socialIdentityId : undefined),
    )
  ).count;
  const sessionsRevoked = await revokeSessions(
    { userId, reason: "PASSWORD_RESET", exceptSessionId: bySignIn?.sessionId },
    { tx },
  );
  const pendingSignIns = (await tx.pendingSignIn.deleteMany(mine)).count;
  await tx.emailOneTimeCode.deleteMany(mine);
  await tx.webAuthnChallenge.deleteMany(mine);
  // Releases from a risk block and unlock passes name the unproven party's browsers.
  await tx.signInPass.deleteMany(mine);
  // A device row makes its browser "known" to the risk engine; the unproven party's are not.
  const devices = (await tx.device.deleteMany(except(bySignIn?.deviceId ?? undefined))).count;
  const pushSubscriptions = (await tx.pushSubscription.deleteMany(mine)).count;
  const tokensVoided = (
    await tx.verificationToken.updateMany({ where: { userId, consumedAt: null }, data: { consumedAt: now } })
  ).count;
  await tx.transactionConfirmation.updateMany({
    where: { userId, status: "PENDING" },
    data: { status: "REJECTED", rejectedAt: now },
  });
  await tx.dataExport.deleteMany(mine);

  const bankAccounts = await tx.bankAccount.findMany({ ...mine, select: { id: true } });
  for (const account of bankAccounts)
    await endMandates({ userId, bankAccountId: account.id, locale, client }, { tx });
  await tx.bankAccount.deleteMany(mine);
  const data = bySignIn
    ? null
    : await removeUnprovenData(tx, { userId, locale, client, status: user.status });

  const report: ReclaimReport = {
    passwords,
    passkeys,
    totpFactors,
    recoveryCodes,
    socialIdentities,
    sessionsRevoked,
    pendingSignIns,
    devices,
    pushSubscriptions,
    tokensVoided,
    addresses: data?.addresses ?? 0,
    bankAccounts: bankAccounts.length,
    consentsWithdrawn: data?.consentsWithdrawn ?? 0,
  };
  await writeAuditEvent(tx, {
    type: "auth.account_reclaimed",
    actor: customerActor(userId, client),
    subject: userId,
    metadata: { proof: proof.kind, ...report },
  });
  return report;
}

/**
 * What a reset's reclaim removes besides the ways in: the addresses, the profile, the optional
 * consents and the communication preferences the unproven party set, and a deletion it requested.
 */
async function removeUnprovenData(
  tx: Tx,
  opts: { userId: string; locale: "de" | "en"; client: ClientInfo; status: string },
): Promise<{ addresses: number; consentsWithdrawn: number }> {
  const { userId } = opts;
  const mine = { where: { userId } };
  const addresses = (await tx.address.deleteMany(mine)).count;
  await tx.profile.deleteMany(mine);
  await tx.profileAttributeValue.deleteMany(mine);
  await tx.profilingPrompt.deleteMany(mine);
  await tx.communicationPreference.updateMany({
    ...mine,
    data: { emailEnabled: true, pushEnabled: false, smsEnabled: false, frequency: "AS_PUBLISHED" },
  });
  if (opts.status === "PENDING_DELETION")
    await tx.user.update({
      where: { id: userId },
      data: { status: "ACTIVE", deletionRequestedAt: null, deletionScheduledFor: null },
    });
  const consentsWithdrawn = await withdrawOptionalConsents(tx, opts);
  return { addresses, consentsWithdrawn };
}

/**
 * Consent records are append-only: every optional (legal basis CONSENT) purpose the unproven party
 * granted gets a WITHDRAWN record with its effects; contract purposes (terms) stay. Email topics
 * still waiting for their double opt-in end too.
 */
async function withdrawOptionalConsents(
  tx: Tx,
  opts: { userId: string; locale: "de" | "en"; client: ClientInfo },
): Promise<number> {
  const granted = (await currentConsents(opts.userId, { tx })).filter(
    (c) => c.legalBasis === "CONSENT" && (c.status === "GRANTED" || c.status === "SUSPENDED"),
  );
  for (const consent of granted) {
    await recordConsent(
      {
        userId: opts.userId,
        purposeKey: consent.purposeKey,
        action: "WITHDRAWN",
        source: "ACCOUNT_RECLAIM",
        locale: opts.locale,
        ip: opts.client.ip,
        userAgent: opts.client.userAgent,
      },
      { tx },
    );
    await applyConsentWithdrawal({ ...opts, purposeKey: consent.purposeKey }, { tx });
  }
  await endEmailNewsletter(
    {
      userId: opts.userId,
      locale: opts.locale,
      source: "CONSENT_WITHDRAWN",
      actor: customerActor(opts.userId, opts.client),
    },
    { tx },
  );
  return granted.length;
}

export type DiscardResult = { ok: true } | { ok: false; code: "ALREADY_PROVEN" };

/**
 * "Das war ich nicht" from the verification link: the mailbox owner did not register, so the
 * unproven account and everything in it is deleted (the User row; its rows cascade). Audit events
 * stay, as the record that the address was used by someone else. Never touches a proven account.
 */
export async function discardUnprovenAccount(
  opts: {
    userId: string;
    client: ClientInfo;
    /** Why: "Das war ich nicht" (default) or the registering browser correcting a mistyped address (0056). */
    reason?: "NOT_ME" | "ADDRESS_REPLACED";
  },
  { tx = db }: { tx?: Tx } = {},
): Promise<DiscardResult> {
  const user = await tx.user.findUnique({
    where: { id: opts.userId },
    select: {
      emailVerifiedAt: true,
      createdAt: true,
      _count: { select: { passkeys: true, socialIdentities: true, sessions: true } },
    },
  });
  if (!user || user.emailVerifiedAt) return { ok: false, code: "ALREADY_PROVEN" };
  const { count } = await tx.user.deleteMany({ where: { id: opts.userId, emailVerifiedAt: null } });
  if (count !== 1) return { ok: false, code: "ALREADY_PROVEN" };
  await writeAuditEvent(tx, {
    type: "auth.unproven_account_discarded",
    actor: anonymousActor(opts.client),
    subject: opts.userId,
    metadata: {
      reason: opts.reason ?? "NOT_ME",
      accountCreatedAt: user.createdAt.toISOString(),
      passkeys: user._count.passkeys,
      socialIdentities: user._count.socialIdentities,
      sessions: user._count.sessions,
    },
  });
  return { ok: true };
}
