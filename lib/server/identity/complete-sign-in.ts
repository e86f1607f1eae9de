import "server-only";
/**
 * The one door into a session (docs/decisions/0020). Every way in — password, passkey, a social
 * provider, the social link at /login/link, the second step at /login/verify — ends here, and only
 * this module opens a session (tests/unit/one-door-into-a-session.test.ts fails otherwise).
 *
 * After a first factor, `completeSignIn` applies in this order: account status (LOCKED refused;
 * PENDING_DELETION continues to the page that offers to cancel), risk assessment with its audit
 * event, the block (unless the person released this browser from the block mail), the second-factor
 * requirement (authenticator app, staff role, medium risk; a user-verified passkey already is two
 * factors) as a pending sign-in for /login/verify, and only then the session. `completeSecondFactor`
 * opens the session of a pending sign-in whose factor has passed. Both write device, session,
 * attempt, counters and audit in one transaction, so the security page and the risk engine see one
 * kind of sign-in whatever the method.
 */
import { riskAuditMetadata } from "@/lib/server/risk/assess";
import { signInReasonCodes } from "@/lib/config/sign-in-reasons";
import { db, type Tx } from "@/lib/db";
import { writeAuditEvent, type AuditEventInput } from "@/lib/server/audit/write-audit-event";
import { recordDeviceSignIn } from "@/lib/server/devices/devices";
import { DELETION_PENDING_PATH } from "@/lib/server/privacy/account-deletion";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { createSession, type NewSession } from "@/lib/server/sessions/sessions";
import { localeOf, sendMailInBackground, sendSecurityPushInBackground, signInMailFacts } from "./notify";
import {
  completePendingSignIn,
  startPendingSignIn,
  type PendingSignInState,
  type SecondFactorRequired,
} from "./pending-sign-in";
import { blockSignIn, type BlockedSignIn } from "./risk-block";
import { availableSecondFactors, decideSecondFactor, STAFF_ROLES } from "./second-factor-decision";
import { spendSignInPass } from "./sign-in-passes";
import { linkIdentity } from "./social-identities";
import { attemptContext } from "./sign-in-attempt";
import { providerTarget, sessionAudit, withRegistration } from "./sign-in-audit";
import type { RecordedSignIn, SignInRecord } from "./sign-in-record";
import { sendLinkedNotice } from "./social-session";
import { customerActor, systemActor } from "@/lib/server/actor";
import type { FirstFactor, PendingSocialLink, SecondFactorMethod } from "./sign-in-factors";
import { loadDoorUser, signInLanding, type DoorUser, type SignInLanding } from "./door-user";

export type SignInOutcome =
  | { ok: true; session: NewSession; userId: string; landing: SignInLanding }
  | SecondFactorRequired
  | BlockedSignIn
  | { ok: false; code: "ACCOUNT_LOCKED" }
  /** Only for SOCIAL_LINK: the provider account is linked to another customer. */
  | { ok: false; code: "IDENTITY_IN_USE" };

export async function completeSignIn(opts: {
  userId: string;
  /** The account as the first factor just read it (door-user.ts); without it the door reads it. */
  user?: DoorUser;
  factor: FirstFactor;
  deviceCookieId: string;
  client: ClientInfo;
  rememberMe?: boolean;
  /** Same-origin path to continue to after a second factor. */
  returnTo?: string;
  /** The address typed at a password step, for the attempt row. */
  emailNormalized?: string;
  /**
   * The sign-up's own credential, continued in the browser that registered once its verification
   * link is confirmed there (docs/decisions/0056); recorded in the sign-in's audit event.
   */
  continuesRegistration?: boolean;
}): Promise<SignInOutcome> {
  const { factor, client, deviceCookieId } = opts;
  const user = opts.user?.id === opts.userId ? opts.user : await loadDoorUser(opts.userId);
  const method = factor.method === "SOCIAL_LINK" ? "SOCIAL" : factor.method;
  const link = factor.method === "SOCIAL_LINK" ? factor.link : null;
  const attempt = { ...attemptContext(client), emailNormalized: opts.emailNormalized, method };
  if (user.status === "LOCKED") {
    await db.signInAttempt.create({ data: { ...attempt, userId: user.id, result: "ACCOUNT_LOCKED" } });
    return { ok: false, code: "ACCOUNT_LOCKED" };
  }

  const hasConfirmedTotp = Boolean(user.totpFactor?.confirmedAt);
  const roles = user.roles.map((r) => r.role);
  const decision = await decideSecondFactor({
    user: { id: user.id, roles, hasConfirmedTotp },
    client,
    deviceCookieId,
  });
  const isTwoFactors = factor.method === "PASSKEY" && factor.userVerified;
  // A brand-new account has nothing but the provider to prove itself with: frictionless sign-up.
  const isNewAccount = factor.method === "SOCIAL" && factor.isNewAccount;
  // Every decision is audited with its signals, in words a support agent reads (de and en): in the
  // transaction of the session when one opens right away (one commit less, decision 0071), ahead
  // of the block, the second step or the identity link otherwise, as before.
  const riskAudit: AuditEventInput = {
    type: "auth.risk_assessed",
    actor: systemActor(client),
    subject: user.id,
    metadata: { ...riskAuditMetadata(decision.risk), method },
  };
  const opensSessionNow = !decision.blocked && !link && (isTwoFactors || !decision.required || isNewAccount);
  if (!opensSessionNow) await writeAuditEvent(db, riskAudit);
  let released = false;
  if (decision.blocked) {
    released = await spendSignInPass({ userId: user.id, kind: "RISK_RELEASE", deviceCookieId });
    if (!released) return blockSignIn({ user, decision, attempt, client, deviceCookieId });
    await writeAuditEvent(db, {
      type: "auth.risk_release_used",
      actor: systemActor(client),
      subject: user.id,
      metadata: { risk: decision.risk.decision.level, reasons: decision.risk.decision.reasons },
    });
  }

  if ((released || (decision.required && !isNewAccount)) && !isTwoFactors) {
    return startPendingSignIn({
      user,
      firstFactor: factor.method === "SOCIAL_LINK" ? "PASSWORD" : method,
      decision,
      factors: availableSecondFactors(hasConfirmedTotp),
      reasons: signInReasonCodes({
        riskLevel: decision.risk.decision.level,
        riskReasons: decision.risk.decision.reasons,
        released,
        hasAuthenticator: hasConfirmedTotp,
        isStaff: roles.some((r) => STAFF_ROLES.includes(r)),
      }),
      socialLink: factor.method === "SOCIAL_LINK" ? factor.link : undefined,
      attempt,
      rememberMe: opts.rememberMe ?? false,
      // During the deletion grace period the second factor leads to the page offering to cancel.
      returnTo: user.status === "PENDING_DELETION" ? DELETION_PENDING_PATH : opts.returnTo,
      client,
    });
  }

  const opened = await openSession(
    {
      user,
      // Passkey and social sign-ins never "remember me": the NIST default lifetimes apply (0004).
      rememberMe: factor.method === "PASSWORD" && opts.rememberMe === true,
      deviceCookieId,
      client,
      firstFactor: method,
      methods: link ? ["PASSWORD", "SOCIAL"] : [method],
      aal: isTwoFactors ? 2 : 1,
      audit: withRegistration(sessionAudit(factor), opts.continuesRegistration),
      riskAudit: opensSessionNow ? riskAudit : undefined,
    },
    link && { identity: link, isOptional: false },
  );
  if (!opened) return { ok: false, code: "IDENTITY_IN_USE" };
  return { ok: true, session: opened.session, userId: user.id, landing: signInLanding(user) };
}

/**
 * The session of a pending sign-in whose second factor has just passed; null when another request
 * completed it first (a pending sign-in opens one session at most).
 */
export async function completeSecondFactor(opts: {
  pending: PendingSignInState;
  method: SecondFactorMethod;
  deviceCookieId: string;
  client: ClientInfo;
}): Promise<NewSession | null> {
  const { pending, method } = opts;
  if (!(await completePendingSignIn(pending.id))) return null;
  const link = pending.socialLink;
  const opened = await openSession(
    {
      user: pending.user,
      rememberMe: pending.rememberMe,
      deviceCookieId: opts.deviceCookieId,
      client: opts.client,
      firstFactor: pending.firstFactor,
      secondFactor: method,
      methods: link ? ["PASSWORD", "SOCIAL", method] : [pending.firstFactor, method],
      aal: 2,
      attemptId: pending.signInAttemptId,
      ...(link ? { audit: { type: "auth.social_signed_in", ...providerTarget(link.provider) } } : {}),
    },
    // A provider identity taken by another account in the meantime is not linked; the person has
    // proven the account itself, so the sign-in completes.
    link && { identity: link, isOptional: true },
  );
  return opened?.session ?? null;
}

/**
 * Links a proven provider identity (if any) and records the sign-in in one transaction, then sends
 * the notices: after commit, since a rolled-back sign-in must not announce itself. Null when the
 * identity belongs to another account and the link was the point of the sign-in.
 */
async function openSession(
  record: SignInRecord,
  link: { identity: PendingSocialLink; isOptional: boolean } | null,
): Promise<RecordedSignIn | null> {
  const { user, client } = record;
  const outcome = await db.$transaction(async (tx) => {
    const linked = link ? await linkIdentity({ userId: user.id, client, ...link.identity }, { tx }) : null;
    if (linked && !linked.ok && !link?.isOptional) return null;
    return { linked, recorded: await recordSignIn(tx, record) };
  });
  if (!outcome) return null;
  if (outcome.linked?.ok && !outcome.linked.alreadyLinked && link)
    sendLinkedNotice(user, link.identity.provider);
  if (outcome.recorded.newDevice) {
    sendMailInBackground({
      to: user.email,
      locale: localeOf(user.locale),
      template: { name: "new-device-sign-in", data: signInMailFacts(client) },
    });
    sendSecurityPushInBackground(user.id, "newDeviceSignIn");
  }
  return outcome.recorded;
}

/** The writes of a successful sign-in, inside the door's transaction. Private to this module. */
async function recordSignIn(tx: Tx, opts: SignInRecord): Promise<RecordedSignIn> {
  const { user, client, secondFactor, firstFactor } = opts;
  // The account row first: parallel sign-ins of one account queue here, before they lock the
  // sessions the maximum ends and the audit chain head. Updated after those, two of them deadlocked
  // on PostgreSQL (one held the head and waited for the account row, the other the reverse).
  await tx.user.update({
    where: { id: user.id },
    data: { signInCount: { increment: 1 }, lastSignInAt: new Date() },
  });
  const device = await recordDeviceSignIn(
    {
      userId: user.id,
      deviceCookieId: opts.deviceCookieId,
      client,
    },
    { tx },
  );
  const session = await createSession(
    {
      userId: user.id,
      deviceId: device.deviceId,
      methods: opts.methods,
      rememberMe: opts.rememberMe,
      client,
      aal: opts.aal,
      roles: user.roles?.map((r) => r.role),
    },
    { tx },
  );
  const outcome = {
    result: "SUCCEEDED" as const,
    secondFactorMethod: secondFactor ?? null,
    deviceId: device.deviceId,
    sessionId: session.id,
  };
  if (opts.attemptId) {
    await tx.signInAttempt.update({ where: { id: opts.attemptId }, data: outcome });
  } else {
    await tx.signInAttempt.create({
      data: {
        ...attemptContext(client),
        emailNormalized: user.email.trim().toLowerCase(),
        method: firstFactor,
        userId: user.id,
        ...outcome,
      },
    });
  }
  if (opts.riskAudit) await writeAuditEvent(tx, opts.riskAudit); // last, next to the sign-in's own
  await writeAuditEvent(tx, {
    type: opts.audit?.type ?? "auth.sign_in_succeeded",
    actor: customerActor(user.id, client),
    subject: user.id,
    target: { type: opts.audit?.targetType, id: opts.audit?.targetId },
    metadata: {
      method: firstFactor,
      ...(secondFactor ? { secondFactor } : {}),
      ...opts.audit?.metadata,
      newDevice: device.isNewDevice,
    },
  });
  const newDevice = device.isNewDevice && device.hadOtherDevices;
  if (newDevice) {
    await writeAuditEvent(tx, {
      type: "auth.new_device_notice_sent",
      actor: systemActor(),
      subject: user.id,
      target: { type: "Device", id: device.deviceId },
    });
  }
  return { session, newDevice };
}
