import { z } from "zod";
import type { ValidationKey } from "@/lib/i18n/messages";
import { normaliseRelativePath } from "@/lib/http/safe-path";

// Shared by the client forms and the server actions. Error messages are message KEYS
// ("validation.email"); the form translates them, so the schema stays language-neutral.

const key = (name: ValidationKey) => `validation.${name}` as const;

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;
const EMAIL_MAX_LENGTH = 254; // RFC 5321 path limit

// Lower-cased so that "Anna@Example.de" and "anna@example.de" are one account.
export const EmailSchema = z
  .string(key("emailRequired"))
  .trim()
  .toLowerCase()
  .min(1, { error: key("emailRequired"), abort: true })
  .max(EMAIL_MAX_LENGTH, { error: key("emailTooLong"), abort: true })
  .pipe(z.email(key("email")));

/** A password being chosen: length only, no composition rules (NIST SP 800-63B). Never trimmed. */
export const NewPasswordSchema = z
  .string(key("passwordRequired"))
  .min(1, { error: key("passwordRequired"), abort: true })
  .min(PASSWORD_MIN_LENGTH, { error: key("passwordTooShort"), abort: true })
  .max(PASSWORD_MAX_LENGTH, key("passwordTooLong"));

/** The field message for each reason the server's password policy gives. */
export const PASSWORD_REASON_KEYS = {
  common: key("passwordCommon"),
  contains_email: key("passwordContainsEmail"),
  context_word: key("passwordContextWord"),
  too_short: key("passwordTooShort"),
  too_long: key("passwordTooLong"),
} as const;

/** A password being entered: any non-empty value up to the maximum (older rules must still work). */
export const CurrentPasswordSchema = z
  .string(key("passwordRequired"))
  .min(1, { error: key("passwordRequired"), abort: true })
  .max(PASSWORD_MAX_LENGTH, key("passwordTooLong"));

/**
 * Where to go after signing in: the normalised same-origin path (lib/http/safe-path.ts), never the text
 * as given; anything else is silently dropped.
 */
export const CallbackUrlSchema = z
  .string()
  .optional()
  .transform((value) => normaliseRelativePath(value) ?? undefined)
  .catch(undefined);

export const LoginSchema = z.object({
  email: EmailSchema,
  password: CurrentPasswordSchema,
  rememberMe: z.boolean(key("invalid")),
  callbackUrl: CallbackUrlSchema,
});
export type LoginInput = z.input<typeof LoginSchema>;
export type Login = z.output<typeof LoginSchema>;

export const RegisterSchema = z.object({
  email: EmailSchema,
  password: NewPasswordSchema,
  acceptTerms: z
    .boolean(key("acceptTermsRequired"))
    .refine((accepted) => accepted, key("acceptTermsRequired")),
  /** Sent from /register?change=1: this sign-up corrects the address of the one before (0056). */
  replacePending: z.boolean().optional(),
});
export type RegisterInput = z.input<typeof RegisterSchema>;
export type Register = z.output<typeof RegisterSchema>;

export const ForgotPasswordSchema = z.object({
  email: EmailSchema,
});
export type ForgotPasswordInput = z.input<typeof ForgotPasswordSchema>;
export type ForgotPassword = z.output<typeof ForgotPasswordSchema>;

export const ResetPasswordSchema = z.object({
  token: z.string().min(1, key("invalid")).max(200, key("invalid")),
  password: NewPasswordSchema,
});
export type ResetPasswordInput = z.input<typeof ResetPasswordSchema>;

/** The new address only: the request needs a recent authentication (step-up) instead of a password. */
export const ChangeEmailSchema = z.object({ newEmail: EmailSchema });
export type ChangeEmailInput = z.input<typeof ChangeEmailSchema>;

export const SessionIdSchema = z.object({ sessionId: z.string().min(1).max(64) });

/** The token behind a mailed sign-in link ("Das war ich", "Das war ich nicht", unlock). */
export const SignInLinkTokenSchema = z.object({
  token: z.string().trim().min(1).max(200),
});
