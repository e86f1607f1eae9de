import "server-only";
/**
 * What every customer write shares beyond parse → authorise → domain (docs/decisions/0072, 0073):
 * - `unavailableAsFailure`: the database cannot answer (lib/db/unavailable.ts) → the failure code
 *   TEMPORARILY_UNAVAILABLE, worded at the form ("your input is kept"), instead of a thrown error
 *   the browser only knows as "unexpected";
 * - `idempotentAction`: the form sends a key per submission of the same input; a retry with that
 *   key (the first response was cut off) gets the first outcome back instead of a second write.
 * Without a session or a key the action runs as before: sign-up and sign-in need none (their
 * writes are idempotent by e-mail address or throttled), and the action then refuses a stale session
 * itself.
 */
import { getRedirectTypeFromError, getURLFromRedirectError } from "next/dist/client/components/redirect";
import { isRedirectError, type RedirectType } from "next/dist/client/components/redirect-error";
import { refresh } from "next/cache";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import { actionFailure, type ActionResult } from "@/lib/errors";
import {
  actionFingerprint,
  claimActionKey,
  completeActionKey,
  releaseActionKey,
} from "@/lib/server/idempotency/action-keys";

/** What the form generates (crypto.randomUUID()); anything else is sent by no form of ours. */
const KEY_PATTERN = /^[0-9a-f-]{36}$/i;

/** A stored success: the action's answer, or the redirect it ended with (most account forms). */
type Outcome = { result: unknown } | { redirect: string; type: RedirectType };

/** Runs `run`; a database that cannot answer becomes a failure code instead of a throw. */
export async function unavailableAsFailure<T>(run: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await run();
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    console.warn("database unavailable during an action:", error instanceof Error ? error.message : error);
    return actionFailure("TEMPORARILY_UNAVAILABLE");
  }
}

function replay<T>(stored: string): ActionResult<T> {
  const outcome = JSON.parse(stored) as Outcome;
  if ("redirect" in outcome) redirect(outcome.redirect, outcome.type);
  // The first run's revalidatePath() went out with the answer that never arrived: without this the
  // form would say "saved" over a page that still shows the old list until a reload.
  refresh();
  return outcome.result as ActionResult<T>;
}

async function releaseQuietly(id: string): Promise<void> {
  // The release may fail for the reason the action failed (the database went away): the claim then
  // stays unanswered and a retry takes it over after its lease.
  await releaseActionKey(id).catch(() => undefined);
}

/**
 * Wraps a customer's server action: `export const saveAction = idempotentAction("saveAction", fn)`
 * and the form calls `saveAction(key, ...args)`. The name is part of the fingerprint, so one key
 * can never replay another action's outcome.
 */
export function idempotentAction<A extends unknown[], T>(
  name: string,
  action: (...args: A) => Promise<ActionResult<T>>,
): (key: string | null | undefined, ...args: A) => Promise<ActionResult<T>> {
  return async (key, ...args) =>
    unavailableAsFailure(async () => {
      const user = typeof key === "string" && KEY_PATTERN.test(key) ? await getCurrentUser() : null;
      if (!user || !key) return action(...args);
      const claim = await claimActionKey({
        userId: user.id,
        key,
        requestHash: actionFingerprint(name, args),
      });
      if (claim.kind === "reused") return actionFailure("IDEMPOTENCY_KEY_REUSED");
      if (claim.kind === "inUse") return actionFailure("IN_PROGRESS");
      if (claim.kind === "replay") return replay<T>(claim.result);
      let result: ActionResult<T>;
      try {
        result = await action(...args);
      } catch (error) {
        // redirect() is how most account forms end after a save: a success, stored as such.
        if (!isRedirectError(error)) {
          await releaseQuietly(claim.id);
          throw error;
        }
        const outcome: Outcome = {
          redirect: getURLFromRedirectError(error),
          type: getRedirectTypeFromError(error),
        };
        await completeActionKey({ id: claim.id, result: JSON.stringify(outcome) });
        throw error;
      }
      if (result.ok) await completeActionKey({ id: claim.id, result: JSON.stringify({ result }) });
      else await releaseQuietly(claim.id);
      return result;
    });
}
