"use server";

import { revalidatePath } from "next/cache";
import { currentActor } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/session";
import { actionFailure, actionOk, validationFailed, type ActionResult } from "@/lib/errors";
import { ProfilingDismissSchema, type ProfilingDismissInput } from "@/lib/schemas/profiling";
import { ProfilingAnswerSchema, type ProfilingAnswerInput } from "@/lib/schemas/profiling-answer";
import { answerProfilingQuestion, dismissProfilingQuestion } from "@/lib/server/profiling/record-outcome";

// The card appears on the overview and on trigger pages; after a reply the overview is the home.
const HOME = "/account";

/** The name appears in the header, completeness on the overview: refresh the account pages. */
function refreshAccount() {
  revalidatePath("/account", "layout");
}

/** "Speichern" on a profiling question. */
export async function answerProfilingQuestionAction(
  input: ProfilingAnswerInput,
): Promise<ActionResult<{ saved: true }>> {
  const actor = await currentActor(await requireUser({ returnTo: HOME }));
  const parsed = ProfilingAnswerSchema.safeParse(input);
  if (!parsed.success) {
    // The card's form names its fields without the "answer." wrapper ("firstName").
    const issues = parsed.error.issues.map((issue) => ({
      message: issue.message,
      path: issue.path[0] === "answer" ? issue.path.slice(1) : issue.path,
    }));
    return validationFailed({ issues });
  }
  const result = await answerProfilingQuestion({ actor, answer: parsed.data });
  if (!result.ok) return actionFailure("FORBIDDEN", { message: "profiling.noLongerAsked" });
  refreshAccount();
  return actionOk({ saved: true });
}

/** "Überspringen" or "Nicht jetzt" on a profiling question. */
export async function dismissProfilingQuestionAction(
  input: ProfilingDismissInput,
): Promise<ActionResult<{ dismissed: true }>> {
  const actor = await currentActor(await requireUser({ returnTo: HOME }));
  const parsed = ProfilingDismissSchema.safeParse(input);
  if (!parsed.success) return validationFailed(parsed.error);
  await dismissProfilingQuestion({ actor, ...parsed.data });
  refreshAccount();
  return actionOk({ dismissed: true });
}
