import "server-only";
/**
 * The marketing console's figures (docs/decisions/0045), all counts, no personal data:
 * - per consent-based purpose: customers in its audience now (the audience query's own count, so
 *   the rate and the list agree) against active customers, and opt-ins and opt-outs per week;
 * - the newsletter's double opt-in funnel: customers who asked for it, and who confirmed;
 * - progressive profiling: how many active customers gave each profile field.
 * Weeks are ISO weeks (Monday 00:00 UTC); each week is one grouped, indexed count.
 */
import { db as defaultDb, type Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma-sqlite/client";
import { audienceSize } from "./audience";

export const STATS_WEEKS = 8;
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

export type PurposeRate = { key: string; members: number; customers: number };
export type WeekCounts = { weekStart: string; purpose: string; optIns: number; optOuts: number };
export type ConsentStats = {
  rates: PurposeRate[];
  weeks: WeekCounts[];
  funnel: { requested: number; confirmed: number };
  profile: { firstName: number; dateOfBirth: number; phone: number; customers: number };
};

/** Monday 00:00 UTC of the week `now` lies in. */
export function weekStart(now: Date): Date {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * 24 * 60 * 60 * 1000);
}

const ACTIVE_CUSTOMER: Prisma.UserWhereInput = {
  status: "ACTIVE",
  deletionRequestedAt: null,
  roles: { none: { role: { in: ["SUPPORT", "MARKETING", "ADMIN"] } } },
};

export async function consentStats(
  { now = new Date() }: { now?: Date } = {},
  { tx = defaultDb }: { tx?: Db } = {},
): Promise<ConsentStats> {
  const purposes = await tx.consentPurpose.findMany({
    where: { active: true, legalBasis: "CONSENT" },
    orderBy: [{ sortOrder: "asc" }, { key: "asc" }],
    select: { id: true, key: true },
  });
  const customers = await tx.user.count({ where: ACTIVE_CUSTOMER });
  const rates = await Promise.all(
    purposes.map(async (p) => ({
      key: p.key,
      members: (await audienceSize({ purposeKey: p.key, filter: {} }, { tx })) ?? 0,
      customers,
    })),
  );
  const firstWeek = new Date(weekStart(now).getTime() - (STATS_WEEKS - 1) * WEEK_MS);
  const weeks: WeekCounts[] = [];
  for (let i = 0; i < STATS_WEEKS; i++) {
    const from = new Date(firstWeek.getTime() + i * WEEK_MS);
    const groups = await tx.consentRecord.groupBy({
      by: ["purposeId", "action"],
      where: {
        purposeId: { in: purposes.map((p) => p.id) },
        createdAt: { gte: from, lt: new Date(from.getTime() + WEEK_MS) },
      },
      _count: { _all: true },
    });
    for (const p of purposes) {
      const count = (action: string) =>
        groups.find((g) => g.purposeId === p.id && g.action === action)?._count._all ?? 0;
      weeks.push({
        weekStart: from.toISOString().slice(0, 10),
        purpose: p.key,
        optIns: count("GRANTED"),
        optOuts: count("WITHDRAWN"),
      });
    }
  }
  const [requested, confirmed, firstName, dateOfBirth, phone] = await Promise.all([
    tx.user.count({ where: { ...ACTIVE_CUSTOMER, topicSubscriptions: { some: { channel: "EMAIL" } } } }),
    tx.user.count({
      where: {
        ...ACTIVE_CUSTOMER,
        topicSubscriptions: { some: { channel: "EMAIL", confirmedAt: { not: null } } },
      },
    }),
    tx.user.count({ where: { ...ACTIVE_CUSTOMER, profile: { is: { firstName: { not: null } } } } }),
    tx.user.count({ where: { ...ACTIVE_CUSTOMER, profile: { is: { dateOfBirth: { not: null } } } } }),
    tx.user.count({ where: { ...ACTIVE_CUSTOMER, profile: { is: { phoneE164: { not: null } } } } }),
  ]);
  return {
    rates,
    weeks,
    funnel: { requested, confirmed },
    profile: { firstName, dateOfBirth, phone, customers },
  };
}

/** The purposes an audience can be built for, titled in the page's language (newest version). */
export async function audiencePurposes(
  locale: "de" | "en",
  { tx = defaultDb }: { tx?: Db } = {},
): Promise<{ key: string; title: string }[]> {
  const purposes = await tx.consentPurpose.findMany({
    where: { active: true, legalBasis: "CONSENT" },
    orderBy: [{ sortOrder: "asc" }, { key: "asc" }],
    select: {
      key: true,
      versions: {
        where: { publishedAt: { not: null } },
        orderBy: { version: "desc" },
        take: 1,
        select: { texts: { select: { locale: true, title: true } } },
      },
    },
  });
  return purposes.map((p) => {
    const texts = p.versions[0]?.texts ?? [];
    return { key: p.key, title: (texts.find((t) => t.locale === locale) ?? texts[0])?.title ?? p.key };
  });
}
