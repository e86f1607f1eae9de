import "server-only";
/**
 * The risk engine said "block and notify": the first factor was right, but device and place are so
 * far from this person's history that no second factor should be trusted. The attempt and the audit
 * carry the signals; the account owner gets a mail saying what was stopped and why, with two ways
 * out (docs/decisions/0021): "Das war ich" lets the next sign-in from the blocked browser continue
 * with a second factor, "Das war ich nicht" signs out everywhere and starts a password reset.
 */
import { signInAttemptRisk } from "@/lib/server/risk/assess";
import type { RiskReason } from "@/lib/config/risk";
import type { Prisma } from "@/lib/generated/prisma-sqlite/client";
import { db } from "@/lib/db";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { localeOf, sendMailInBackground, signInMailFacts } from "./notify";
import type { SecondFactorDecision } from "./second-factor-decision";
import { deviceCookieHash, SIGN_IN_PASS_TTL_MINUTES } from "./sign-in-passes";
import { issueToken, TOKEN_TTL_MINUTES, tokenLink } from "./tokens";
import { systemActor } from "@/lib/server/actor";

export type BlockedSignIn = { ok: false; code: "BLOCKED_BY_RISK"; reasons: RiskReason[] };

export async function blockSignIn(opts: {
  user: { id: string; email: string; locale: string };
  decision: SecondFactorDecision;
  attempt: Omit<Prisma.SignInAttemptUncheckedCreateInput, "result">;
  client: ClientInfo;
  /** The blocked browser: "Das war ich" releases this one and no other. */
  deviceCookieId: string;
}): Promise<BlockedSignIn> {
  const { user, decision, client } = opts;
  const reasons = decision.risk.decision.reasons;
  const links = await db.$transaction(async (tx) => {
    const attempt = await tx.signInAttempt.create({
      data: {
        ...opts.attempt,
        userId: user.id,
        result: "BLOCKED_BY_RISK",
        ...signInAttemptRisk(decision.risk),
      },
    });
    await writeAuditEvent(tx, {
      type: "auth.sign_in_blocked_by_risk",
      actor: systemActor(client),
      subject: user.id,
      target: { type: "SignInAttempt", id: attempt.id },
      metadata: { risk: decision.risk.decision.level, reasons },
    });
    const payload = { signInAttemptId: attempt.id };
    return {
      itWasMe: await issueToken(
        {
          userId: user.id,
          purpose: "RISK_RELEASE",
          payload: { ...payload, deviceCookieHash: deviceCookieHash(opts.deviceCookieId) },
        },
        { tx },
      ),
      notMe: await issueToken({ userId: user.id, purpose: "RISK_REPORT", payload }, { tx }),
    };
  });
  sendMailInBackground({
    to: user.email,
    locale: localeOf(user.locale),
    template: {
      name: "sign-in-blocked",
      data: {
        ...signInMailFacts(client),
        reasons,
        itWasMeUrl: tokenLink("/login/it-was-me", links.itWasMe),
        notMeUrl: tokenLink("/login/not-me", links.notMe),
        expiresMinutes: TOKEN_TTL_MINUTES.RISK_RELEASE,
        continueMinutes: SIGN_IN_PASS_TTL_MINUTES,
      },
    },
  });
  return { ok: false, code: "BLOCKED_BY_RISK", reasons };
}
