import "server-only";
/**
 * Reading one person's audit events, newest first, a page at a time (issue 12): the customer's own
 * activity list and the support console's history of a customer. Keyset pagination on (createdAt,
 * id) over the index (subjectUserId, createdAt), so page 500 costs what page 1 does. Only what the
 * readers show leaves here: the type, when, who in which role, the reason an agent gave, and a risk
 * decision's stored description; never IPs, user agents or other metadata.
 */
import { db } from "@/lib/db";
import type { AuditEventType } from "@/lib/server/audit/event-types";

export type SubjectEvent = {
  id: string;
  type: string;
  createdAt: Date;
  actorRole: string;
  /** The reason a staff member gave (support.* events). */
  reason: string | null;
  /** A risk decision in words, as stored with the event (auth.risk_assessed and kin). */
  riskDescription: string[] | null;
};
export type SubjectEventPage = { events: SubjectEvent[]; next: string | null };

export type SubjectEventQuery = {
  subjectUserId: string;
  types?: readonly AuditEventType[];
  from?: Date;
  to?: Date;
  after?: string;
  pageSize?: number;
};

function decodeCursor(raw: string | undefined): { at: Date; id: string } | null {
  if (!raw) return null;
  const [ms, id] = raw.split("_");
  const at = new Date(Number(ms));
  return id && !Number.isNaN(at.getTime()) ? { at, id } : null;
}

export async function listSubjectEvents(
  query: SubjectEventQuery,
  locale: "de" | "en",
): Promise<SubjectEventPage> {
  const pageSize = query.pageSize ?? 20;
  const cursor = decodeCursor(query.after);
  const rows = await db.auditEvent.findMany({
    where: {
      subjectUserId: query.subjectUserId,
      ...(query.types ? { type: { in: [...query.types] } } : {}),
      AND: [
        query.from || query.to ? { createdAt: { gte: query.from, lt: query.to } } : {},
        cursor
          ? { OR: [{ createdAt: { lt: cursor.at } }, { createdAt: cursor.at, id: { lt: cursor.id } }] }
          : {},
      ],
    },
    select: { id: true, type: true, createdAt: true, actorRole: true, metadata: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: pageSize + 1,
  });
  const page = rows.slice(0, pageSize);
  const last = page.at(-1);
  return {
    events: page.map((row) => ({
      id: row.id,
      type: row.type,
      createdAt: row.createdAt,
      actorRole: row.actorRole,
      reason: stringAt(row.metadata, "reason"),
      riskDescription: riskDescription(row.metadata, locale),
    })),
    next: rows.length > pageSize && last ? `${last.createdAt.getTime()}_${last.id}` : null,
  };
}

function stringAt(metadata: unknown, key: string): string | null {
  if (!metadata || typeof metadata !== "object") return null;
  const value = (metadata as Record<string, unknown>)[key];
  return typeof value === "string" ? value : null;
}

function riskDescription(metadata: unknown, locale: "de" | "en"): string[] | null {
  if (!metadata || typeof metadata !== "object") return null;
  const description = (metadata as Record<string, unknown>).description;
  if (!description || typeof description !== "object") return null;
  const lines = (description as Record<string, unknown>)[locale];
  return Array.isArray(lines) && lines.every((l) => typeof l === "string") ? (lines as string[]) : null;
}
