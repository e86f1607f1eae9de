"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { currentActor } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";
import { actionOk, validationFailed, type ActionResult } from "@/lib/errors";
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE_SECONDS } from "@/lib/i18n/config";
import { formatPhoneForDisplay } from "@/lib/schemas/phone";
import { ProfileSchema, type ProfileInput } from "@/lib/schemas/profile";
import { updateProfile } from "@/lib/server/profile/profile";

type SaveProfileData = { changed: boolean; values: ProfileInput };

export async function updateProfileAction(input: ProfileInput): Promise<ActionResult<SaveProfileData>> {
  const user = await requireUser({ returnTo: "/account/profile" });
  const parsed = ProfileSchema.safeParse(input);
  if (!parsed.success) return validationFailed(parsed.error);

  const { changedFields, profile } = await updateProfile({
    actor: await currentActor(user),
    profile: parsed.data,
  });
  if (changedFields.includes("locale")) {
    // The same cookie the language switch sets, so this browser follows the new preference at once.
    (await cookies()).set(LOCALE_COOKIE, profile.locale, {
      path: "/",
      maxAge: LOCALE_COOKIE_MAX_AGE_SECONDS,
      sameSite: "lax",
      httpOnly: false,
      secure: getEnv().secureCookies,
    });
  }
  // The name appears in the header and the greeting, the language everywhere.
  if (changedFields.length > 0) revalidatePath("/", "layout");
  // A new language: the page comes back in it and says "saved" in it too (a toast worded by the
  // form would still speak the old one; docs/decisions/0054).
  if (changedFields.includes("locale")) redirect("/account/profile?notice=saved");
  return actionOk({
    changed: changedFields.length > 0,
    values: {
      firstName: profile.firstName ?? "",
      lastName: profile.lastName ?? "",
      dateOfBirth: profile.dateOfBirth ?? "",
      phone: formatPhoneForDisplay(profile.phoneE164),
      locale: profile.locale,
    },
  });
}
