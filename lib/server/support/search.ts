import "server-only";
/**
 * The support search (issue 12, docs/decisions/0042), built for a million customers: every query
 * is a prefix range on ONE indexed column (User.emailNormalized, Profile.nameNormalized,
 * Profile.phoneE164, the unique User.customerNumber, decision 0043), ordered by that column and the id, with a keyset cursor, so each page reads
 * `PAGE_SIZE + 1` index entries however many customers there are. A range (>= prefix, < prefix +
 * U+FFFF) instead of LIKE keeps the index usable on SQLite, whose LIKE ignores case and then scans.
 */
import { db } from "@/lib/db";
import { customerNumberDigits } from "@/lib/schemas/customer-number";
import { DEFAULT_PHONE_COUNTRY } from "@/lib/schemas/phone";
import { SEARCH_MIN_LENGTH, type SupportSearch } from "@/lib/schemas/support";

export const PAGE_SIZE = 20;
const COUNTRY_CALLING_CODE: Record<string, string> = { DE: "49" };

export type CustomerHit = {
  id: string;
  email: string;
  customerNumber: string | null;
  name: string | null;
  phoneE164: string | null;
  locked: boolean;
};
export type SearchPage = { hits: CustomerHit[]; next: string | null };

/** The stored form of a typed phone prefix: "0170 12" → "+4917012", "0043 66" → "+4366". */
export function phonePrefix(typed: string): string {
  const digits = typed.replace(/[^\d+]/g, "");
  if (digits.startsWith("+")) return `+${digits.slice(1).replace(/\+/g, "")}`;
  if (digits.startsWith("00")) return `+${digits.slice(2)}`;
  if (digits.startsWith("0")) return `+${COUNTRY_CALLING_CODE[DEFAULT_PHONE_COUNTRY]}${digits.slice(1)}`;
  return `+${digits}`;
}

/** The normalised prefix a field is searched by, or null when it is too short to search. */
export function searchPrefix(by: SupportSearch["by"], q: string): string | null {
  const prefix =
    by === "phone"
      ? phonePrefix(q)
      : by === "number"
        ? customerNumberDigits(q)
        : by === "name"
          ? q.trim().toLowerCase().replace(/\s+/g, " ")
          : q.trim().toLowerCase();
  const meaningful = by === "phone" ? prefix.length - 1 : prefix.length;
  return meaningful >= SEARCH_MIN_LENGTH ? prefix : null;
}

type Cursor = { v: string; id: string };
const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString("base64url");
function decodeCursor(raw: string | undefined): Cursor | null {
  if (!raw) return null;
  try {
    const c = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Partial<Cursor>;
    return typeof c.v === "string" && typeof c.id === "string" ? { v: c.v, id: c.id } : null;
  } catch {
    return null;
  }
}

const STAFF_ROLES = new Set(["SUPPORT", "MARKETING", "ADMIN"]);
/**
 * Only customer accounts are listed: staff accounts are administered, not supported (decision
 * 0041). Filtered after the page is read (a NOT EXISTS in the query could make the planner read
 * every role row); a page may then show a few fewer hits, and the cursor still moves on.
 */
const isCustomer = (user: { roles: { role: string }[] }) => !user.roles.some((r) => STAFF_ROLES.has(r.role));
const ROLES = { roles: { select: { role: true } } } as const;
const USER = { id: true, email: true, customerNumber: true, status: true, ...ROLES } as const;

export async function searchCustomers(search: SupportSearch): Promise<SearchPage> {
  const prefix = searchPrefix(search.by, search.q);
  if (!prefix) return { hits: [], next: null };
  const cursor = decodeCursor(search.after);
  const range = { gte: prefix, lt: `${prefix}\uffff` };
  if (search.by === "email" || search.by === "number") {
    // The address and the customer number are unique: the column alone orders and continues pages.
    const key = search.by === "email" ? "emailNormalized" : "customerNumber";
    const rows = await db.user.findMany({
      where: { AND: [{ [key]: range }, cursor ? { [key]: { gt: cursor.v } } : {}] },
      select: { ...USER, emailNormalized: true, profile: true },
      orderBy: { [key]: "asc" },
      take: PAGE_SIZE + 1,
    });
    const page = rows.slice(0, PAGE_SIZE);
    const last = page.at(-1);
    return {
      hits: page.filter(isCustomer).map((u) => toHit(u, u.profile)),
      next: rows.length > PAGE_SIZE && last ? encodeCursor({ v: last[key] ?? "", id: last.id }) : null,
    };
  }
  const column = search.by === "name" ? "nameNormalized" : "phoneE164";
  const rows = await db.profile.findMany({
    where: {
      AND: [
        { [column]: range },
        cursor ? { OR: [{ [column]: { gt: cursor.v } }, { [column]: cursor.v, id: { gt: cursor.id } }] } : {},
      ],
    },
    include: { user: { select: USER } },
    orderBy: [{ [column]: "asc" }, { id: "asc" }],
    take: PAGE_SIZE + 1,
  });
  const page = rows.slice(0, PAGE_SIZE);
  const last = page.at(-1);
  return {
    hits: page.filter((p) => isCustomer(p.user)).map((p) => toHit(p.user, p)),
    next:
      rows.length > PAGE_SIZE && last
        ? encodeCursor({ v: (last[column] as string | null) ?? "", id: last.id })
        : null,
  };
}

function toHit(
  user: { id: string; email: string; customerNumber: string | null; status: string },
  profile: { firstName: string | null; lastName: string | null; phoneE164: string | null } | null,
): CustomerHit {
  const name = [profile?.firstName, profile?.lastName].filter(Boolean).join(" ");
  return {
    id: user.id,
    email: user.email,
    customerNumber: user.customerNumber,
    name: name || null,
    phoneE164: profile?.phoneE164 ?? null,
    locked: user.status === "LOCKED",
  };
}
