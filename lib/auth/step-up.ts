import "server-only";
/**
 * Step-up (docs/decisions/0009): sensitive actions need an authentication no older than
 * STEP_UP_MAX_AGE_SECONDS (default 600). A stale session is not refused: the action answers
 * STEP_UP_REQUIRED, the form opens the step-up dialog (app/_components/step-up), the customer confirms
 * with their strongest factor, and the form sends the same input again (docs/decisions/0009).
 *
 * Adding, removing or replacing a factor (and the address, which receives the reset links) needs
 * more than recency: `strength: "strongest"` also asks that the last sign-in or step-up used the
 * account's strongest factor, or one as strong (docs/decisions/0024). Every factor-changing action
 * passes this one guard; tests/unit/factor-change-guard.test.ts finds them and checks it.
 */
import { redirect } from "next/navigation";
import { getEnv } from "@/lib/env";
import { actionFailure, type ActionFailure } from "@/lib/errors";
import { toSafeRelativePath } from "@/lib/http/safe-path";
import { checkStrongestFactor } from "@/lib/server/identity/step-up";
import { currentActor } from "./actor";
import { requireUser, type CurrentUser } from "./session";

type RecentAuthOptions = {
  returnTo: string;
  maxAgeSeconds?: number;
  /** "strongest": for factor changes, the last authentication must match the strongest factor. */
  strength?: "recent" | "strongest";
};

export type RecentAuth =
  { ok: true; user: CurrentUser } | { ok: false; user: CurrentUser; failure: ActionFailure };

/** Whether the session's last sign-in or step-up is within the window. */
export function isRecentAuth(
  user: Pick<CurrentUser, "authenticatedAt">,
  maxAgeSeconds: number = getEnv().stepUpMaxAgeSeconds,
  now: Date = new Date(),
): boolean {
  return now.getTime() - user.authenticatedAt.getTime() <= maxAgeSeconds * 1000;
}

/**
 * For server actions: the signed-in person (else a redirect to /login) whose authentication is
 * recent, or the STEP_UP_REQUIRED failure to return as the action's result.
 */
export async function requireRecentAuth(opts: RecentAuthOptions): Promise<RecentAuth> {
  const user = await requireUser({ returnTo: opts.returnTo });
  if (isRecentAuth(user, opts.maxAgeSeconds) && (await isStrongEnough(user, opts))) return { ok: true, user };
  // The hint lets the dialog offer only the ways that satisfy the guard; the guard itself is
  // the check above, so a forged hint changes nothing (docs/decisions/0051).
  const hint = opts.strength === "strongest" ? { stepUp: "strongest" as const } : {};
  return { ok: false, user, failure: actionFailure("STEP_UP_REQUIRED", hint) };
}

/** The step-up dialog asks for the strongest factor, so one step-up satisfies both conditions. */
async function isStrongEnough(user: CurrentUser, opts: RecentAuthOptions): Promise<boolean> {
  if (opts.strength !== "strongest") return true;
  return checkStrongestFactor(await currentActor(user), user);
}

/**
 * For pages and route handlers that show something sensitive on load: a stale session is sent to
 * /login/step-up, which brings the person back to `returnTo` afterwards.
 */
export async function requireRecentAuthForPage(opts: RecentAuthOptions): Promise<CurrentUser> {
  const user = await requireUser({ returnTo: opts.returnTo });
  if (!isRecentAuth(user, opts.maxAgeSeconds) || !(await isStrongEnough(user, opts)))
    redirect(
      `/login/step-up?callbackUrl=${encodeURIComponent(toSafeRelativePath(opts.returnTo, "/account"))}${
        opts.strength === "strongest" ? "&strength=strongest" : ""
      }`,
    );
  return user;
}
