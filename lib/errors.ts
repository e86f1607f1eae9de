// One vocabulary for failures across actions, route handlers and pages. Each code has a
// localised message under `errors.<CODE>` in messages/*.json (the only place they are worded).
import type { SignInReasonCode } from "@/lib/config/sign-in-reasons";
import type { MessageKey } from "@/lib/i18n/messages";

export const APP_ERROR_CODES = [
  "VALIDATION_FAILED",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "RATE_LIMITED",
  /** A sensitive action needs a recent sign-in: the form asks for one and then retries. */
  "STEP_UP_REQUIRED",
  /**
   * The account's address is not proven yet, so nothing but its first credential may be added
   * (docs/decisions/0018); the message points to the verification mail.
   */
  "ADDRESS_UNPROVEN",
  "INTERNAL",
  "SERVICE_UNAVAILABLE",
  /**
   * The database cannot answer right now (unreachable, shutting down, timed out; decision 0073):
   * "temporarily unavailable — your input is kept". The form keeps every value for a retry.
   */
  "TEMPORARILY_UNAVAILABLE",
  /** The same form submission (its idempotency key) is still being saved (decision 0072). */
  "IN_PROGRESS",
  /** An idempotency key sent again with other input: a forged or broken call (decision 0072). */
  "IDEMPOTENCY_KEY_REUSED",
] as const;

export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

export function isAppErrorCode(value: unknown): value is AppErrorCode {
  return typeof value === "string" && (APP_ERROR_CODES as readonly string[]).includes(value);
}

/**
 * A failure that is part of the domain (wrong input, missing permission, throttling).
 * The message is for logs only; users see the localised text for `code`.
 */
export class AppError extends Error {
  readonly code: AppErrorCode;

  constructor(code: AppErrorCode, message?: string, options?: { cause?: unknown }) {
    super(message ?? code, options);
    this.name = "AppError";
    this.code = code;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** ICU arguments of a failure's sentence, e.g. `{ minutes: 5 }` for "in 5 minutes". */
export type MessageValues = Record<string, string | number>;

/**
 * An expected failure of a server action: codes and catalog keys only, never a worded sentence.
 * The edge (components/forms/use-failure-message.ts) translates it once, in the page's language.
 * - `code`: what kind of failure, for the caller's logic and for `errors.<code>`.
 * - `fieldErrors`: per field, message KEYS of the `validation` namespace (e.g. "validation.email"),
 *   the same vocabulary the zod schemas use, so client and server errors render identically.
 * - `message`: the catalog key of a more precise sentence for the whole form than `errors.<code>`
 *   (e.g. "transaction.errors.expired"), with its `values`.
 * - `signInReasons`: a sign-in the risk engine stopped, and why; worded by
 *   lib/i18n/sign-in-reason-wording.ts (docs/decisions/0021).
 */
export type ActionFailure = {
  ok: false;
  code: AppErrorCode;
  fieldErrors?: Record<string, string[]>;
  message?: MessageKey;
  values?: MessageValues;
  signInReasons?: SignInReasonCode[];
  /** With STEP_UP_REQUIRED for a factor change: only the strongest factor will do (decision 0024). */
  stepUp?: "strongest";
};

/**
 * What every server action returns. Expected failures are returned, not thrown, so the form
 * can show them without losing input.
 */
export type ActionResult<T = undefined> = { ok: true; data: T } | ActionFailure;

export function actionOk<T>(data: T): ActionResult<T> {
  return { ok: true, data };
}

export function actionFailure(
  code: AppErrorCode,
  details: Omit<ActionFailure, "ok" | "code"> = {},
): ActionFailure {
  return { ok: false, code, ...details };
}

/** Whole minutes to wait, at least one: what the "try again in N minutes" sentences show. */
export function minutesToWait(retryAfterSeconds: number): number {
  return Math.max(1, Math.ceil(retryAfterSeconds / 60));
}

/** Throttled: the sentence (by default "auth.rateLimited") says how many minutes to wait. */
export function rateLimitedFailure(
  retryAfterSeconds: number,
  message: MessageKey = "auth.rateLimited",
): ActionFailure {
  return actionFailure("RATE_LIMITED", { message, values: { minutes: minutesToWait(retryAfterSeconds) } });
}

/**
 * Turns zod issues into `fieldErrors`, keyed by the dotted path react-hook-form uses
 * ("address.postcode"), keeping the schema's message keys.
 */
export function fieldErrorsFromIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]) {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of issues) {
    const name = issue.path.map(String).join(".");
    if (!name) continue;
    (fieldErrors[name] ??= []).push(issue.message);
  }
  return fieldErrors;
}

/** The result for input that failed the schema on the server. */
export function validationFailed(error: {
  issues: readonly { path: readonly PropertyKey[]; message: string }[];
}): ActionFailure {
  return actionFailure("VALIDATION_FAILED", { fieldErrors: fieldErrorsFromIssues(error.issues) });
}
