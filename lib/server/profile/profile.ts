import "server-only";
/** A customer's personal data (Profile row plus User.displayName and User.locale), audited. */
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { db } from "@/lib/db";
import { toLocale, type Locale } from "@/lib/i18n/config";
import type { Profile } from "@/lib/schemas/profile";
import { REDACTED_VALUE, type AuditMetadataValue } from "@/lib/server/audit/audit-metadata";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import type { CustomerActor } from "@/lib/server/actor";

export type ProfileView = {
  firstName: string | null;
  lastName: string | null;
  /** "YYYY-MM-DD" */
  dateOfBirth: string | null;
  phoneE164: string | null;
  locale: Locale;
};

/** The editable profile, and the customer number it is shown with (decision 0043; not editable). */
export async function getProfile(userId: string): Promise<ProfileView & { customerNumber: string | null }> {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      locale: true,
      customerNumber: true,
      profile: { select: { firstName: true, lastName: true, dateOfBirth: true, phoneE164: true } },
    },
  });
  return {
    firstName: user.profile?.firstName ?? null,
    lastName: user.profile?.lastName ?? null,
    dateOfBirth: user.profile?.dateOfBirth ?? null,
    phoneE164: user.profile?.phoneE164 ?? null,
    locale: toLocale(user.locale),
    customerNumber: user.customerNumber,
  };
}

/** "+4915123456789" → "+49 •••• 89": enough to tell numbers apart in the log, not to call one. */
export function maskPhone(e164: string | null): string | null {
  if (!e164) return null;
  const phone = parsePhoneNumberFromString(e164);
  const digits = e164.replace(/\D/g, "");
  return `+${phone?.countryCallingCode ?? "?"} •••• ${digits.slice(-2)}`;
}

/** How each field appears in the audit log: names and language as they are, the rest masked. */
const AUDIT_VIEW: { [K in keyof ProfileView]: (value: ProfileView[K]) => AuditMetadataValue } = {
  firstName: (v) => v,
  lastName: (v) => v,
  dateOfBirth: (v) => (v ? REDACTED_VALUE : null),
  phoneE164: maskPhone,
  locale: (v) => v,
};

export function displayNameOf(firstName: string | null, lastName: string | null): string | null {
  return [firstName, lastName].filter(Boolean).join(" ") || null;
}

export type UpdateProfileResult = { changedFields: (keyof ProfileView)[]; profile: ProfileView };

/**
 * Saves the personal data and keeps User.displayName ("Vorname Nachname", used by the header and
 * the greeting) and User.locale in step, in one transaction with the "profile.updated" event
 * (before/after of the changed fields; date of birth redacted, phone masked). No change, no event.
 */
export async function updateProfile(opts: {
  actor: CustomerActor;
  profile: Profile;
}): Promise<UpdateProfileResult> {
  const { actor, profile } = opts;
  const after: ProfileView = {
    firstName: profile.firstName || null,
    lastName: profile.lastName || null,
    dateOfBirth: profile.dateOfBirth || null,
    phoneE164: profile.phone || null,
    locale: profile.locale,
  };
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({
      where: { id: actor.userId },
      select: {
        locale: true,
        displayName: true,
        profile: { select: { firstName: true, lastName: true, dateOfBirth: true, phoneE164: true } },
      },
    });
    const before: ProfileView = {
      firstName: user.profile?.firstName ?? null,
      lastName: user.profile?.lastName ?? null,
      dateOfBirth: user.profile?.dateOfBirth ?? null,
      phoneE164: user.profile?.phoneE164 ?? null,
      locale: toLocale(user.locale),
    };
    const changedFields = (Object.keys(after) as (keyof ProfileView)[]).filter((k) => before[k] !== after[k]);
    if (changedFields.length === 0) return { changedFields, profile: after };

    const profileData = {
      firstName: after.firstName,
      lastName: after.lastName,
      nameNormalized: displayNameOf(after.firstName, after.lastName)?.toLowerCase() ?? null,
      dateOfBirth: after.dateOfBirth,
      phoneE164: after.phoneE164,
      // A new number has not been verified (verification arrives with SMS).
      ...(before.phoneE164 !== after.phoneE164 ? { phoneVerifiedAt: null } : {}),
    };
    await tx.profile.upsert({
      where: { userId: actor.userId },
      create: { userId: actor.userId, ...profileData },
      update: profileData,
    });
    const nameChanged = changedFields.includes("firstName") || changedFields.includes("lastName");
    await tx.user.update({
      where: { id: actor.userId },
      data: {
        locale: after.locale,
        ...(nameChanged ? { displayName: displayNameOf(after.firstName, after.lastName) } : {}),
      },
    });
    const changes: Record<string, AuditMetadataValue> = {};
    for (const field of changedFields) {
      const view = AUDIT_VIEW[field] as (value: ProfileView[typeof field]) => AuditMetadataValue;
      changes[field] = { before: view(before[field]), after: view(after[field]) };
    }
    await writeAuditEvent(tx, {
      type: "profile.updated",
      actor,
      subject: actor.userId,
      target: { type: "Profile", id: actor.userId },
      metadata: { changedFields, changes },
    });
    return { changedFields, profile: after };
  });
}
