import "server-only";
/**
 * The risk engine said "block and notify": the password was right, but device and place are so far
 * from this person's history that no second factor should be trusted. The attempt and the audit
 * carry the signals; the account owner gets a mail saying what was stopped.
 */
import { signInAttemptRisk } from "@/lib/auth/risk/assess";
import type { Prisma } from "@/lib/generated/prisma-sqlite/client";
import { db } from "@/lib/db";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { localeOf, sendMailInBackground, signInMailFacts } from "./notify";
import type { SecondFactorDecision } from "./second-factor-decision";

export async function blockSignIn(opts: {
  user: { id: string; email: string; locale: string };
  decision: SecondFactorDecision;
  attempt: Omit<Prisma.SignInAttemptUncheckedCreateInput, "result">;
  client: ClientInfo;
}): Promise<{ ok: false; code: "BLOCKED_BY_RISK" }> {
  const { user, decision, client } = opts;
  await db.$transaction(async (tx) => {
    await tx.signInAttempt.create({
      data: {
        ...opts.attempt,
        userId: user.id,
        result: "BLOCKED_BY_RISK",
        ...signInAttemptRisk(decision.risk),
      },
    });
    await writeAuditEvent(tx, {
      type: "auth.sign_in_blocked_by_risk",
      actorRole: "SYSTEM",
      subjectUserId: user.id,
      ip: client.ip,
      userAgent: client.userAgent,
      metadata: { risk: decision.risk.decision.level, reasons: decision.risk.decision.reasons },
    });
  });
  sendMailInBackground({
    to: user.email,
    locale: localeOf(user.locale),
    template: { name: "sign-in-blocked", data: signInMailFacts(client) },
  });
  return { ok: false, code: "BLOCKED_BY_RISK" };
}
