import "server-only";
/**
 * What a withdrawal changes besides the record, in the same transaction, so it takes effect
 * everywhere at once (docs/decisions/0015): marketing_email ends the email newsletter topics, marketing_push
 * switches offers off on every push subscription of the person. Profiling questions and marketing
 * audiences read the current state (current-consent.ts) and need no change here.
 */
import { NEWSLETTER_CONSENT_PURPOSE } from "@/lib/config/newsletter-topics";
import { endEmailNewsletter } from "@/lib/server/communication/newsletter-state";
import { MARKETING_PUSH_PURPOSE } from "@/lib/server/push/push-consent";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { db, type Tx } from "@/lib/db";
import { customerActor } from "@/lib/server/actor";

export async function applyConsentWithdrawal(
  opts: { userId: string; purposeKey: string; locale: "de" | "en"; client: ClientInfo },
  { tx = db }: { tx?: Tx } = {},
): Promise<void> {
  if (opts.purposeKey === NEWSLETTER_CONSENT_PURPOSE) {
    // CONSENT_WITHDRAWN: the topics end without a second withdrawal record (the caller wrote it).
    await endEmailNewsletter(
      {
        userId: opts.userId,
        source: "CONSENT_WITHDRAWN",
        actor: customerActor(opts.userId, opts.client),
        locale: opts.locale,
      },
      { tx },
    );
  }
  if (opts.purposeKey === MARKETING_PUSH_PURPOSE) {
    await tx.pushSubscription.updateMany({
      where: { userId: opts.userId, allowsMarketing: true },
      data: { allowsMarketing: false },
    });
  }
}
