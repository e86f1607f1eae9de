import "server-only";
/**
 * Grant and withdraw from /account/privacy and answers to the re-consent prompt: one appended
 * record each (recordConsent stays the one writer), the withdrawal's effects in the same
 * transaction. Only purposes with legal basis CONSENT can be changed here; contract and
 * acknowledgement purposes (terms, privacy notice, SEPA mandate) are read-only in the centre.
 */
import { db } from "@/lib/db";
import type { CustomerActor } from "@/lib/server/actor";
import { currentConsent } from "./current-consent";
import { recordConsent } from "./record-consent";
import { applyConsentWithdrawal } from "./withdrawal-effects";

export type ChangeConsentResult =
  | { ok: true; changed: boolean; title: string }
  | { ok: false; code: "NOT_FOUND" | "NOT_CHANGEABLE" | "VERSION_CHANGED" };

/**
 * Appends GRANTED or WITHDRAWN for the signed-in person. `version` is the version whose text the
 * person was shown: a grant is refused when a newer version was published meanwhile (the record's
 * text hash must be the text they read). Repeating the current state appends nothing. From the
 * re-consent prompt an answer counts only while the grant is suspended (a second tab's answer, or
 * one after the customer already decided in the centre, is a no-op).
 */
export async function changeConsent(
  actor: CustomerActor,
  opts: {
    /** The language the page was shown in: the language of the text the person read. */
    locale: "de" | "en";
    purposeKey: string;
    version: number;
    action: "GRANTED" | "WITHDRAWN";
    source: "CONSENT_CENTRE" | "RECONSENT_PROMPT";
  },
): Promise<ChangeConsentResult> {
  return db.$transaction(async (tx) => {
    const purpose = await tx.consentPurpose.findUnique({
      where: { key: opts.purposeKey },
      select: {
        active: true,
        legalBasis: true,
        versions: {
          where: { publishedAt: { not: null } },
          orderBy: { version: "desc" },
          take: 1,
          select: { version: true, texts: { select: { locale: true, title: true } } },
        },
      },
    });
    const latest = purpose?.versions[0];
    if (!purpose || !purpose.active || !latest) return { ok: false, code: "NOT_FOUND" } as const;
    if (purpose.legalBasis !== "CONSENT") return { ok: false, code: "NOT_CHANGEABLE" } as const;
    if (opts.action === "GRANTED" && opts.version !== latest.version)
      return { ok: false, code: "VERSION_CHANGED" } as const;
    const title =
      (latest.texts.find((t) => t.locale === opts.locale) ?? latest.texts[0])?.title ?? opts.purposeKey;

    const state = await currentConsent({ userId: actor.userId, purposeKey: opts.purposeKey }, { tx });
    const status = state?.status ?? "NONE";
    const isNoOp =
      opts.source === "RECONSENT_PROMPT"
        ? status !== "SUSPENDED"
        : opts.action === "GRANTED"
          ? status === "GRANTED"
          : status === "WITHDRAWN" || status === "NONE";
    if (isNoOp) return { ok: true, changed: false, title } as const;

    await recordConsent(
      {
        userId: actor.userId,
        purposeKey: opts.purposeKey,
        action: opts.action,
        source: opts.source,
        locale: opts.locale,
        ip: actor.client.ip,
        userAgent: actor.client.userAgent,
      },
      { tx },
    );
    if (opts.action === "WITHDRAWN")
      await applyConsentWithdrawal(
        {
          userId: actor.userId,
          purposeKey: opts.purposeKey,
          locale: opts.locale,
          client: actor.client,
        },
        { tx },
      );
    return { ok: true, changed: true, title } as const;
  });
}
