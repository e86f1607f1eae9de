import "server-only";
/**
 * Service notices (docs/decisions/0067): mails and pushes about the customer's own orders (shipped,
 * out for delivery, delivered, a problem, a new invoice). They are not marketing: no consent
 * record, on by default, and the customer can switch each channel off on /account/communication.
 * The columns live on CommunicationPreference (its defaults read the same for people without a row),
 * but nothing here touches the marketing channels, and the marketing form never touches these.
 */
import { db as defaultDb, type Db, type Tx } from "@/lib/db";
import type { Actor } from "@/lib/server/actor";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";

export type ServiceNoticeSettings = { email: boolean; push: boolean };

/** The schema's defaults: a customer who never saved the card gets both. */
const DEFAULTS: ServiceNoticeSettings = { email: true, push: true };

export async function getServiceNoticeSettings(
  userId: string,
  { tx = defaultDb }: { tx?: Db | Tx } = {},
): Promise<ServiceNoticeSettings> {
  const row = await tx.communicationPreference.findUnique({
    where: { userId },
    select: { serviceEmailEnabled: true, servicePushEnabled: true },
  });
  return row ? { email: row.serviceEmailEnabled, push: row.servicePushEnabled } : DEFAULTS;
}

/** Saves the customer's choice; the audit event names the channels that changed (none: no event). */
export async function updateServiceNotices(
  input: { actor: Actor; userId: string; settings: ServiceNoticeSettings },
  { tx = defaultDb }: { tx?: Db } = {},
): Promise<ServiceNoticeSettings> {
  const { userId, settings } = input;
  return tx.$transaction(async (t) => {
    const before = await getServiceNoticeSettings(userId, { tx: t });
    const data = { serviceEmailEnabled: settings.email, servicePushEnabled: settings.push };
    await t.communicationPreference.upsert({
      where: { userId },
      create: { userId, ...data },
      update: data,
      select: { id: true },
    });
    const changed = (["email", "push"] as const).filter((channel) => before[channel] !== settings[channel]);
    if (changed.length > 0)
      await writeAuditEvent(t, {
        type: "communication.service_notices_updated",
        actor: input.actor,
        subject: userId,
        target: { type: "CommunicationPreference" },
        metadata: { changed, email: settings.email, push: settings.push },
      });
    return settings;
  });
}
