import "server-only";
/**
 * Inviting staff (docs/decisions/0041). An admin names an address and a role; the portal creates a
 * staff account without any credential and mails a single-use link (72 h). Opening it sets the
 * first password, and holding it proves the mailbox (docs/decisions/0018), so the address is proven
 * then. The first console page wants a passkey or the authenticator app, used in the session
 * (requirePermission), so the invitee enrols one before they see any customer.
 *
 * Staff accounts are separate from customer accounts: an address that already has an account is
 * refused, so nobody's customer login (with whatever credentials it has) silently becomes staff.
 */
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/db-retry";
import type { StaffRole } from "@/lib/server/actor";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { customerActor, type StaffActor } from "@/lib/server/actor";
import type { PasswordRejectReason } from "@/lib/server/passwords/common-passwords";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { localeOf, sendMailInBackground } from "@/lib/server/identity/notify";
import { setPasswordByLink } from "@/lib/server/identity/password-by-link";
import { findUsableToken, issueToken, TOKEN_TTL_MINUTES, tokenLink } from "@/lib/server/identity/tokens";

export type InviteStaffResult = { ok: true; userId: string } | { ok: false; code: "ACCOUNT_EXISTS" };

export async function inviteStaff(
  actor: StaffActor,
  input: { email: string; role: StaffRole; locale: "de" | "en" },
): Promise<InviteStaffResult> {
  const email = input.email.trim();
  const emailNormalized = email.toLowerCase();
  const created = await db
    .$transaction(async (tx) => {
      if (await tx.user.findUnique({ where: { emailNormalized }, select: { id: true } })) return null;
      const user = await tx.user.create({
        data: {
          email,
          emailNormalized,
          locale: input.locale,
          roles: { create: { role: input.role } },
          communicationPreference: { create: {} },
        },
      });
      const token = await issueToken({ userId: user.id, purpose: "STAFF_INVITE" }, { tx });
      await writeAuditEvent(tx, {
        type: "staff.invited",
        actor,
        subject: user.id,
        metadata: { role: input.role },
      });
      return { userId: user.id, token };
    })
    // Two admins inviting one address at once: the unique address decides, the second is told.
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) return null;
      throw error;
    });
  if (!created) return { ok: false, code: "ACCOUNT_EXISTS" };
  sendMailInBackground({
    to: email,
    locale: localeOf(input.locale),
    template: {
      name: "staff-invitation",
      data: {
        url: tokenLink("/staff-invitation", created.token),
        role: input.role,
        expiresHours: TOKEN_TTL_MINUTES.STAFF_INVITE / 60,
      },
    },
  });
  return { ok: true, userId: created.userId };
}

/** The invited address for the page before the form, or null when the link is unusable. */
export async function describeInvitation(token: string): Promise<{ email: string } | null> {
  const row = await findUsableToken({ token, purpose: "STAFF_INVITE" });
  if (!row) return null;
  const user = await db.user.findUnique({ where: { id: row.userId }, select: { email: true } });
  return user ? { email: user.email } : null;
}

export type AcceptInvitationResult =
  | { ok: true; email: string }
  | { ok: false; code: "INVALID_TOKEN" }
  | { ok: false; code: "PASSWORD_REJECTED"; reason: PasswordRejectReason };

/** Sets the invitee's first password and marks the address proven; the link is then spent. */
export async function acceptStaffInvitation(opts: {
  token: string;
  password: string;
  client: ClientInfo;
}): Promise<AcceptInvitationResult> {
  const result = await setPasswordByLink(
    { token: opts.token, purpose: "STAFF_INVITE", password: opts.password },
    async (tx, user, savePassword) => {
      await tx.user.update({
        where: { id: user.id },
        data: { emailVerifiedAt: user.emailVerifiedAt ?? new Date() },
      });
      await savePassword();
      await writeAuditEvent(tx, {
        type: "staff.invitation_accepted",
        actor: customerActor(user.id, opts.client),
        subject: user.id,
      });
      return user.email;
    },
  );
  return result.ok ? { ok: true, email: result.value } : result;
}
