import "server-only";
/**
 * The check-email page's ways forward (docs/decisions/0056): "erneut senden" and "Falsche Adresse?
 * Ändern". Both act only on an unproven account whose verification link was issued to the browser
 * asking (the SHA-256 of its registration cookie is stored with the link), and both answer the same
 * whatever the address: the page never tells whether an account exists.
 */
import { db, type Tx } from "@/lib/db";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { consumeRateLimit, rateLimitIpSubject } from "@/lib/server/rate-limit/rate-limit";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { customerActor } from "@/lib/server/actor";
import { discardUnprovenAccount } from "./mailbox-proof";
import { localeOf } from "./notify";
import { registeredByOf, registrationPayload, sendVerificationMail } from "./registration-steps";
import { RESPONSE_FLOOR_MS, withResponseFloor } from "./response-floor";
import { reissueToken } from "./tokens";

type PendingRegistration = { email: string; browserBinding: string };

/** The unproven account this browser registered under the address, or null (none, proven, or another's). */
export async function findBoundRegistration(
  opts: PendingRegistration,
  { tx = db }: { tx?: Tx } = {},
): Promise<{ id: string; email: string; locale: string } | null> {
  const user = await tx.user.findUnique({
    where: { emailNormalized: opts.email.trim().toLowerCase() },
    select: { id: true, email: true, locale: true, emailVerifiedAt: true },
  });
  if (!user || user.emailVerifiedAt) return null;
  const link = await tx.verificationToken.findFirst({
    where: { userId: user.id, purpose: "EMAIL_VERIFICATION" },
    orderBy: { createdAt: "desc" },
    select: { payload: true },
  });
  return link && registeredByOf(link.payload) === opts.browserBinding ? user : null;
}

export type ResendRegistrationResult =
  { ok: true } | { ok: false; code: "RATE_LIMITED"; retryAfterSeconds: number };

/**
 * "Erneut senden": a fresh verification link (the older ones stop working) when this browser
 * registered the address; otherwise nothing. Throttled per address as typed and per IP before
 * anything is looked up, and padded to one response time, so neither the answer, the throttle nor
 * the time tells an existing account from a new one.
 */
export async function resendRegistrationMail(
  opts: PendingRegistration & { client: ClientInfo },
): Promise<ResendRegistrationResult> {
  for (const [policy, subject] of [
    ["registrationResendIp", rateLimitIpSubject(opts.client.ip)],
    ["registrationResend", opts.email.trim().toLowerCase()],
  ] as const) {
    const limit = await consumeRateLimit({ policy, subject });
    if (!limit.allowed)
      return { ok: false, code: "RATE_LIMITED", retryAfterSeconds: limit.retryAfterSeconds };
  }
  return withResponseFloor(RESPONSE_FLOOR_MS.register, async () => {
    const user = await findBoundRegistration(opts);
    if (!user) return { ok: true } as const;
    const token = await db.$transaction(async (tx) => {
      const token = await reissueToken(
        {
          userId: user.id,
          purpose: "EMAIL_VERIFICATION",
          payload: registrationPayload(opts.browserBinding),
        },
        { tx },
      );
      await writeAuditEvent(tx, {
        type: "auth.email_verification_sent",
        actor: customerActor(user.id, opts.client),
        subject: user.id,
        metadata: { from: "CHECK_EMAIL_PAGE" },
      });
      return token;
    });
    sendVerificationMail({ to: user.email, locale: localeOf(user.locale), token });
    return { ok: true } as const;
  });
}

/**
 * "Falsche Adresse? Ändern", then sign-up again: the unproven account this browser registered
 * under the mistyped address is deleted, so it does not sit on someone else's address. Nothing
 * happens for an address this browser did not register. Runs inside the new sign-up's response
 * floor, so its time tells nothing either.
 */
export async function discardReplacedRegistration(
  opts: PendingRegistration & { client: ClientInfo },
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const user = await findBoundRegistration(opts, { tx });
    if (!user) return false;
    const discarded = await discardUnprovenAccount(
      { userId: user.id, client: opts.client, reason: "ADDRESS_REPLACED" },
      { tx },
    );
    return discarded.ok;
  });
}
