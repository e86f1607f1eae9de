import "server-only";
/**
 * THE audience query (docs/decisions/0045): who marketing may contact for a purpose, and with
 * which fields. The console, its CSV export and GET /api/v1/audiences/{purpose} all call
 * audiencePage, so a withdrawal leaves all three on the next request (no cache, no copy).
 *
 * A member:
 * - holds the purpose's consent as the latest record, a grant given for a version no later
 *   material version replaced (the rule of derive-state.ts, as one indexed condition on the
 *   ConsentState projection), for an active purpose whose legal basis is consent;
 * - is an active account (not locked, not in deletion);
 * - for the email newsletter purpose, has confirmed the double opt-in (an ACTIVE email topic) at
 *   a proven address: a pending confirmation is not yet a consent to send;
 * - matches the filters: any of the topics (active), the channel switched on in the preferences
 *   (SMS with a verified phone number, push with a subscribed browser), the language.
 * Fields: id, email, first name, language, active topics; the phone number only for SMS.
 * Keyset pages by customer id: every page is one indexed range read, however deep.
 *
 * The CSV export on PostgreSQL reads the same audience through a server-side cursor, in SQL
 * (audience-export.ts, memberSql): a rule changed here is changed there too. The audience tests
 * (tests/integration/marketing-audience.test.ts) read every case both ways and fail on a difference.
 */
import { NEWSLETTER_CONSENT_PURPOSE, type CommunicationChannel } from "@/lib/config/newsletter-topics";
import { db as defaultDb, type Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma-sqlite/client";
import type { AudienceFilter } from "@/lib/schemas/audience";

export type AudienceMember = {
  id: string;
  email: string;
  firstName: string | null;
  language: string;
  topics: string[];
  /** Only with channel SMS (E.164); absent otherwise. */
  phone?: string;
};

export type AudiencePage = { ok: true; members: AudienceMember[]; nextCursor: string | null };

/** Where the audience of a purpose starts: its id and the oldest version a grant may be for. */
export type AudienceScope = { purposeId: string; minVersion: number };

export async function audienceScope(purposeKey: string, tx: Db): Promise<AudienceScope | null> {
  const purpose = await tx.consentPurpose.findUnique({
    where: { key: purposeKey },
    select: {
      id: true,
      active: true,
      legalBasis: true,
      versions: { where: { publishedAt: { not: null } }, select: { version: true, isMaterial: true } },
    },
  });
  if (!purpose || !purpose.active || purpose.legalBasis !== "CONSENT") return null;
  const material = purpose.versions.filter((v) => v.isMaterial).map((v) => v.version);
  // Nothing published: no grant can be current (a version 0 grant does not exist).
  if (purpose.versions.length === 0) return { purposeId: purpose.id, minVersion: Number.MAX_SAFE_INTEGER };
  return { purposeId: purpose.id, minVersion: material.length > 0 ? Math.max(...material) : 1 };
}

const CHANNEL_PREFERENCE: Record<CommunicationChannel, Prisma.CommunicationPreferenceWhereInput> = {
  EMAIL: { emailEnabled: true },
  PUSH: { pushEnabled: true },
  SMS: { smsEnabled: true },
};

function memberWhere(purposeKey: string, filter: AudienceFilter): Prisma.UserWhereInput {
  const and: Prisma.UserWhereInput[] = [{ status: "ACTIVE", deletionRequestedAt: null }];
  if (purposeKey === NEWSLETTER_CONSENT_PURPOSE)
    and.push({
      emailVerifiedAt: { not: null },
      topicSubscriptions: { some: { channel: "EMAIL", status: "ACTIVE" } },
    });
  if (filter.language) and.push({ locale: filter.language });
  if (filter.topics && filter.topics.length > 0)
    and.push({ topicSubscriptions: { some: { status: "ACTIVE", topicKey: { in: filter.topics } } } });
  if (filter.channel) {
    and.push({ communicationPreference: { is: CHANNEL_PREFERENCE[filter.channel] } });
    if (filter.channel === "EMAIL") and.push({ emailVerifiedAt: { not: null } });
    if (filter.channel === "SMS")
      and.push({ profile: { is: { phoneE164: { not: null }, phoneVerifiedAt: { not: null } } } });
    if (filter.channel === "PUSH") and.push({ pushSubscriptions: { some: {} } });
  }
  return { AND: and };
}

export function encodeCursor(userId: string): string {
  return Buffer.from(userId, "utf8").toString("base64url");
}

function decodeCursor(cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  return Buffer.from(cursor, "base64url").toString("utf8");
}

function stateWhere(
  scope: AudienceScope,
  purposeKey: string,
  filter: AudienceFilter,
): Prisma.ConsentStateWhereInput {
  return {
    purposeId: scope.purposeId,
    lastAction: "GRANTED",
    version: { version: { gte: scope.minVersion } },
    user: memberWhere(purposeKey, filter),
  };
}

/** How many customers the audience holds now (the console's headline figure). */
export async function audienceSize(
  input: { purposeKey: string; filter: AudienceFilter },
  { tx = defaultDb }: { tx?: Db } = {},
): Promise<number | null> {
  const scope = await audienceScope(input.purposeKey, tx);
  if (!scope) return null;
  return tx.consentState.count({ where: stateWhere(scope, input.purposeKey, input.filter) });
}

/**
 * One page of the purpose's audience, ordered by customer id, after `cursor` (the previous page's
 * nextCursor). NOT_FOUND for a purpose that is unknown, inactive or not based on consent.
 */
export async function audiencePage(
  input: { purposeKey: string; filter: AudienceFilter; cursor?: string; limit: number },
  { tx = defaultDb }: { tx?: Db } = {},
): Promise<AudiencePage | { ok: false; code: "NOT_FOUND" }> {
  const scope = await audienceScope(input.purposeKey, tx);
  if (!scope) return { ok: false, code: "NOT_FOUND" };
  const after = decodeCursor(input.cursor);
  const rows = await tx.consentState.findMany({
    where: {
      ...stateWhere(scope, input.purposeKey, input.filter),
      ...(after ? { userId: { gt: after } } : {}),
    },
    orderBy: { userId: "asc" },
    take: input.limit + 1,
    select: {
      user: {
        select: {
          id: true,
          email: true,
          locale: true,
          profile: { select: { firstName: true, phoneE164: true } },
          topicSubscriptions: {
            where: { status: "ACTIVE" },
            select: { topicKey: true },
            orderBy: { topicKey: "asc" },
          },
        },
      },
    },
  });
  const page = rows.slice(0, input.limit);
  const members = page.map(({ user }) => ({
    id: user.id,
    email: user.email,
    firstName: user.profile?.firstName ?? null,
    language: user.locale,
    topics: [...new Set(user.topicSubscriptions.map((s) => s.topicKey))],
    ...(input.filter.channel === "SMS" && user.profile?.phoneE164 ? { phone: user.profile.phoneE164 } : {}),
  }));
  const last = page.at(-1);
  return {
    ok: true,
    members,
    nextCursor: rows.length > input.limit && last ? encodeCursor(last.user.id) : null,
  };
}
