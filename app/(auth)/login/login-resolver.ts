import { toNestErrors } from "@hookform/resolvers";
import type { FieldErrors, Resolver, ResolverResult } from "react-hook-form";
import { normaliseRelativePath } from "@/lib/http/safe-path";
import type { ValidationKey } from "@/lib/i18n/messages";
// Types only: a value import would bring zod along.
import type { Login, LoginInput } from "@/lib/schemas/auth";

/**
 * LoginSchema's rules (lib/schemas/auth.ts) for the sign-in form in the browser, without zod: zod
 * is about 24 kB gzip, a fifth of the JavaScript /login needs, for two fields (issue 16). The
 * server action still parses with LoginSchema; tests/unit/login-resolver.test.ts holds both to the
 * same answers (message keys and parsed values), so the two cannot drift apart unnoticed.
 */
// The limits of EmailSchema and CurrentPasswordSchema (the unit test tries both edges).
const EMAIL_MAX_LENGTH = 254;
const PASSWORD_MAX_LENGTH = 128;
// zod's own z.email() pattern (zod/v4/core/regexes.ts `email`); the unit test compares them.
export const EMAIL_PATTERN =
  /^(?:[A-Za-z0-9_'+\-]+\.)*[A-Za-z0-9_'+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$/;

type Key = `validation.${ValidationKey}`;
const key = (name: ValidationKey): Key => `validation.${name}`;

function emailProblem(value: unknown): Key | null {
  if (typeof value !== "string") return key("emailRequired");
  const email = value.trim().toLowerCase();
  if (email.length === 0) return key("emailRequired");
  if (email.length > EMAIL_MAX_LENGTH) return key("emailTooLong");
  return EMAIL_PATTERN.test(email) ? null : key("email");
}

function passwordProblem(value: unknown): Key | null {
  if (typeof value !== "string" || value.length === 0) return key("passwordRequired");
  return value.length > PASSWORD_MAX_LENGTH ? key("passwordTooLong") : null;
}

export const loginResolver: Resolver<LoginInput, unknown, Login> = (
  values,
  _context,
  options,
): ResolverResult<LoginInput, Login> => {
  const problems: Partial<Record<keyof LoginInput, Key>> = {};
  const email = emailProblem(values.email);
  const password = passwordProblem(values.password);
  if (email) problems.email = email;
  if (password) problems.password = password;
  if (typeof values.rememberMe !== "boolean") problems.rememberMe = key("invalid");
  const entries = Object.entries(problems);
  if (entries.length > 0) {
    const flat = Object.fromEntries(
      entries.map(([name, message]) => [name, { type: "validation", message }]),
    );
    return { values: {}, errors: toNestErrors(flat as FieldErrors<LoginInput>, options) };
  }
  return {
    values: {
      email: (values.email as string).trim().toLowerCase(),
      password: values.password as string,
      rememberMe: values.rememberMe as boolean,
      callbackUrl: normaliseRelativePath(values.callbackUrl) ?? undefined,
    },
    errors: {},
  };
};
