/**
 * Every throttling rule of the portal, in one place (docs/decisions/0005).
 * Plain module: pure configuration and arithmetic, unit-tested as a table.
 *
 * Two kinds:
 * - "failures": counts failed attempts (sign-in, second factor). The first few are free (typos),
 *   then each failure imposes a wait that doubles up to a cap, then each failure locks for a
 *   while. Counters are forgotten after `forgetAfterSeconds` without a new failure; account
 *   counters are also cleared by a successful sign-in (resetRateLimit).
 * - "window": counts attempts in a fixed window that starts with the first attempt (register,
 *   reset and resend mails): at most `limit` per `windowSeconds`, then refused until it ends.
 *
 * NIST SP 800-63B-4 §3.2.2 limits consecutive failed attempts on one account to 100. Two rules
 * keep that: no failure policy may allow 100 failures before its first lock (checked below, at
 * import), and account policies lock "until reset" at their 100th consecutive failure, so time
 * alone never buys more guesses; a password reset (proof of the mailbox) clears it. Account
 * counters are remembered for 30 days so that pausing between bursts buys nothing either; this
 * costs real users nothing because waits begin only after 5 failures without a success.
 */

export const NIST_MAX_CONSECUTIVE_FAILURES = 100;

/** How long an "until reset" lock is stored: finite only because the columns need a date. */
export const UNTIL_RESET_LOCK_SECONDS = 365 * 24 * 60 * 60;

export type FailurePolicy = {
  readonly kind: "failures";
  /** What the caller passes as subject; documentation for callers, not enforced. */
  readonly subject: "account" | "ip";
  /** Consecutive failures that cost nothing. */
  readonly freeFailures: number;
  /** Wait after the first failure beyond the free ones; doubles per further failure. */
  readonly initialDelaySeconds: number;
  readonly maxDelaySeconds: number;
  /** From this consecutive failure on, every failure locks for lockSeconds. */
  readonly lockAtFailures: number;
  readonly lockSeconds: number;
  /** Failures are forgotten this long after the last one (or after the lock ends, if later). */
  readonly forgetAfterSeconds: number;
  /** At this many consecutive failures: locked until resetRateLimit (account recovery). */
  readonly lockUntilResetAtFailures: number | null;
};

export type WindowPolicy = {
  readonly kind: "window";
  readonly subject: "account" | "email" | "ip" | "apiKey";
  readonly limit: number;
  readonly windowSeconds: number;
};

export type RateLimitPolicy = FailurePolicy | WindowPolicy;

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const ACCOUNT_FAILURES: FailurePolicy = {
  kind: "failures",
  subject: "account",
  freeFailures: 5,
  initialDelaySeconds: 2,
  maxDelaySeconds: 5 * MINUTE,
  lockAtFailures: 10,
  lockSeconds: 15 * MINUTE,
  forgetAfterSeconds: 30 * DAY,
  lockUntilResetAtFailures: NIST_MAX_CONSECUTIVE_FAILURES,
};

const IP_FAILURES: FailurePolicy = {
  kind: "failures",
  subject: "ip",
  freeFailures: 30,
  initialDelaySeconds: 2,
  maxDelaySeconds: 5 * MINUTE,
  lockAtFailures: 100,
  lockSeconds: 15 * MINUTE,
  forgetAfterSeconds: 15 * MINUTE,
  lockUntilResetAtFailures: null,
};

export const RATE_LIMIT_POLICIES = {
  /** Per account (subject: normalised email as typed, so unknown addresses behave the same). */
  signInAccount: ACCOUNT_FAILURES,
  /**
   * Per client IP (subject: rateLimitIpSubject(ip)). Higher than per account because many people
   * share an address (offices, mobile carriers); never cleared by a success there, since an
   * attacker could sign in to an account of their own to reset it.
   */
  signInIp: IP_FAILURES,
  /**
   * Per account and browser (subject: user id + hash of the device cookie) for a browser that has
   * signed in to the account before or holds an emailed unlock pass: strangers' guesses fill
   * signInAccount, not this, so they cannot lock the owner out (docs/decisions/0022).
   */
  signInAccountDevice: ACCOUNT_FAILURES,
  /**
   * Per client IP, for passkey assertions only: a passkey sign-in never waits for the password
   * throttle (another person's wrong passwords on a shared network must not lock passkeys out).
   */
  passkeySignInIp: IP_FAILURES,
  /** Per normalised email as typed: unlock-link mails from the throttled sign-in form. */
  signInUnlockAccount: { kind: "window", subject: "email", limit: 3, windowSeconds: 15 * MINUTE },
  signInUnlockIp: { kind: "window", subject: "ip", limit: 10, windowSeconds: HOUR },
  /** Per client IP: buttons behind mailed sign-in links ("Das war ich", "Das war ich nicht", unlock). */
  signInLinkIp: { kind: "window", subject: "ip", limit: 20, windowSeconds: HOUR },
  /** Per client IP. */
  register: { kind: "window", subject: "ip", limit: 10, windowSeconds: HOUR },
  /** Per normalised email as typed (known or not: same answer, no enumeration). */
  passwordResetAccount: { kind: "window", subject: "email", limit: 3, windowSeconds: 15 * MINUTE },
  passwordResetIp: { kind: "window", subject: "ip", limit: 20, windowSeconds: HOUR },
  /** Per user id. */
  verificationResend: { kind: "window", subject: "account", limit: 3, windowSeconds: 15 * MINUTE },
  verificationResendIp: { kind: "window", subject: "ip", limit: 20, windowSeconds: HOUR },
  /** "Erneut senden" on the check-email page: per address as typed (known or not) and per IP (0056). */
  registrationResend: { kind: "window", subject: "email", limit: 3, windowSeconds: 15 * MINUTE },
  registrationResendIp: { kind: "window", subject: "ip", limit: 10, windowSeconds: HOUR },
  /** Second-factor guesses (TOTP, email codes, recovery codes): per account, like sign-in. */
  secondFactor: ACCOUNT_FAILURES,
  /** Per user id: password, passkey or code when re-authenticating before a sensitive action. */
  stepUp: ACCOUNT_FAILURES,
  /** Per user id: step-up codes mailed to accounts without a password or passkey. */
  stepUpEmailCodeSend: { kind: "window", subject: "account", limit: 5, windowSeconds: 15 * MINUTE },
  /** Per pending sign-in: "send the code again" at /login/verify (each send is a mail). */
  signInEmailCodeSend: { kind: "window", subject: "account", limit: 5, windowSeconds: 15 * MINUTE },
  /** Per user id: newsletter double opt-in mails (on subscribing and on "send again"). */
  newsletterConfirmation: { kind: "window", subject: "account", limit: 3, windowSeconds: 15 * MINUTE },
  /** Per user id: "change my email" requests (each mails a link to the new address). */
  emailChange: { kind: "window", subject: "account", limit: 3, windowSeconds: 15 * MINUTE },
  /** Per user id: full IBANs shown after step-up; bounds what one stolen fresh session can read. */
  ibanReveal: { kind: "window", subject: "account", limit: 10, windowSeconds: HOUR },
  /** Per user id: SMS codes that prove the profile's mobile number (each one costs and reaches a typed number). */
  phoneCodeSend: { kind: "window", subject: "account", limit: 3, windowSeconds: 15 * MINUTE },
  /** Per user id: guesses at those codes, on top of the 5 attempts each code allows. */
  phoneCodeCheck: { kind: "window", subject: "account", limit: 10, windowSeconds: 15 * MINUTE },
  /** Per user id: "send a test notification" (each one is a request to a third-party push service). */
  pushTest: { kind: "window", subject: "account", limit: 5, windowSeconds: 15 * MINUTE },
  /** Per user id: returns started (each one is a webhook to the shop; a customer needs a few at most). */
  returnRequest: { kind: "window", subject: "account", limit: 10, windowSeconds: HOUR },
  /**
   * Per API key id: calls to /api/v1 (docs/decisions/0045). Enough for an integration paging
   * through a large audience at 1,000 rows a call; answered with RateLimit-* headers.
   */
  apiKey: { kind: "window", subject: "apiKey", limit: 120, windowSeconds: MINUTE },
  /**
   * Per client IP (subject: rateLimitIpSubject(ip)): /api/v1 calls without a valid key (none,
   * unknown, expired, revoked). Counted before the key is looked up and given back for a valid
   * key, so guessing and a broken integration cost one bucket write each once over it (0045).
   */
  apiKeylessIp: { kind: "window", subject: "ip", limit: 30, windowSeconds: MINUTE },
} as const satisfies Record<string, RateLimitPolicy>;

export type RateLimitPolicyName = keyof typeof RATE_LIMIT_POLICIES;

/** The `signInAccountDevice` subject of one of the owner's browsers: user id and cookie hash. */
export function accountDeviceSubject(userId: string, cookieIdHash: string): string {
  return `${userId}:${cookieIdHash}`;
}

export type FailureSchedule = { waitSeconds: number; locked: boolean; untilReset: boolean };

/** The wait imposed after the `failures`-th consecutive failure (the table in the unit test). */
export function failureSchedule(policy: FailurePolicy, failures: number): FailureSchedule {
  if (policy.lockUntilResetAtFailures !== null && failures >= policy.lockUntilResetAtFailures) {
    return { waitSeconds: UNTIL_RESET_LOCK_SECONDS, locked: true, untilReset: true };
  }
  if (failures >= policy.lockAtFailures) {
    return { waitSeconds: policy.lockSeconds, locked: true, untilReset: false };
  }
  if (failures <= policy.freeFailures) return { waitSeconds: 0, locked: false, untilReset: false };
  const doublings = failures - policy.freeFailures - 1;
  // Capped before exponentiating so a misconfigured free count cannot overflow.
  const delay = policy.initialDelaySeconds * 2 ** Math.min(doublings, 30);
  return { waitSeconds: Math.min(delay, policy.maxDelaySeconds), locked: false, untilReset: false };
}

/** Throws on a policy that would break the rules above; run for every policy at import. */
export function assertValidPolicy(name: string, policy: RateLimitPolicy): void {
  const fail = (why: string) => {
    throw new Error(`Rate-limit policy "${name}": ${why}`);
  };
  const positive = (value: number, field: string) => {
    if (!Number.isInteger(value) || value < 1) fail(`${field} must be a whole number ≥ 1`);
  };
  if (policy.kind === "window") {
    positive(policy.limit, "limit");
    positive(policy.windowSeconds, "windowSeconds");
    return;
  }
  positive(policy.initialDelaySeconds, "initialDelaySeconds");
  positive(policy.maxDelaySeconds, "maxDelaySeconds");
  positive(policy.lockAtFailures, "lockAtFailures");
  positive(policy.lockSeconds, "lockSeconds");
  positive(policy.forgetAfterSeconds, "forgetAfterSeconds");
  if (!Number.isInteger(policy.freeFailures) || policy.freeFailures < 0) fail("freeFailures must be ≥ 0");
  if (policy.freeFailures >= policy.lockAtFailures) fail("freeFailures must be below lockAtFailures");
  if (policy.lockAtFailures > NIST_MAX_CONSECUTIVE_FAILURES) {
    fail(`lockAtFailures must be ≤ ${NIST_MAX_CONSECUTIVE_FAILURES} (NIST SP 800-63B-4)`);
  }
  const untilReset = policy.lockUntilResetAtFailures;
  if (
    untilReset !== null &&
    (untilReset < policy.lockAtFailures || untilReset > NIST_MAX_CONSECUTIVE_FAILURES)
  ) {
    fail(`lockUntilResetAtFailures must lie between lockAtFailures and ${NIST_MAX_CONSECUTIVE_FAILURES}`);
  }
  if (policy.subject === "account" && untilReset === null) {
    fail("account policies must lock until reset (NIST SP 800-63B-4 §3.2.2)");
  }
  // Otherwise a counter could be forgotten while its own delay still runs, restarting the free tries.
  if (policy.forgetAfterSeconds < policy.maxDelaySeconds)
    fail("forgetAfterSeconds must cover the longest delay");
}

for (const [name, policy] of Object.entries(RATE_LIMIT_POLICIES)) assertValidPolicy(name, policy);
