"use server";

import { getTranslations } from "next-intl/server";
import { actionFailure, validationFailed, type ActionFailure, type ActionResult } from "@/lib/errors";
import {
  ForgotPasswordSchema,
  LoginSchema,
  RegisterSchema,
  type ForgotPasswordInput,
  type LoginInput,
  type RegisterInput,
} from "@/lib/schemas/auth";

// Each action re-parses its input with the form's schema: the client's validation is a
// convenience, this is the check that counts (PRODUCT.md §6).

/**
 * THE single placeholder for sign-in, registration and password reset. The identity issue
 * replaces the calls below with the real domain functions and deletes this.
 */
async function notYetAvailable(): Promise<ActionFailure> {
  const t = await getTranslations("auth");
  return actionFailure("SERVICE_UNAVAILABLE", { formError: t("notYetAvailable") });
}

export async function signInWithPassword(input: LoginInput): Promise<ActionResult<{ redirectTo: string }>> {
  const parsed = LoginSchema.safeParse(input);
  if (!parsed.success) return validationFailed(parsed.error);
  return notYetAvailable();
}

export async function registerAccount(input: RegisterInput): Promise<ActionResult<{ redirectTo: string }>> {
  const parsed = RegisterSchema.safeParse(input);
  if (!parsed.success) return validationFailed(parsed.error);
  return notYetAvailable();
}

export async function requestPasswordReset(input: ForgotPasswordInput): Promise<ActionResult> {
  const parsed = ForgotPasswordSchema.safeParse(input);
  if (!parsed.success) return validationFailed(parsed.error);
  return notYetAvailable();
}
