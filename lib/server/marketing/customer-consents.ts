import "server-only";
/**
 * One customer's consents for the machine API (GET /api/v1/customers/{id}/consents): the derived
 * state of every active purpose, by the one reader (lib/server/consent). Only customer accounts are
 * found: a staff account's id answers as unknown, so the API cannot tell staff ids apart.
 */
import { db as defaultDb, type Db } from "@/lib/db";
import { currentConsents } from "@/lib/server/consent";

export type ApiConsent = {
  purpose: string;
  legalBasis: string;
  status: "NONE" | "GRANTED" | "WITHDRAWN" | "SUSPENDED";
  isCurrent: boolean;
  version: number | null;
  latestVersion: number | null;
};

export async function customerConsents(
  customerId: string,
  { tx = defaultDb }: { tx?: Db } = {},
): Promise<{ ok: true; consents: ApiConsent[] } | { ok: false; code: "NOT_FOUND" }> {
  const customer = await tx.user.findFirst({
    where: { id: customerId, roles: { none: { role: { in: ["SUPPORT", "MARKETING", "ADMIN"] } } } },
    select: { id: true },
  });
  if (!customer) return { ok: false, code: "NOT_FOUND" };
  const consents = await currentConsents(customer.id, { tx });
  return {
    ok: true,
    consents: consents.map((c) => ({
      purpose: c.purposeKey,
      legalBasis: c.legalBasis,
      status: c.status,
      isCurrent: c.isCurrent,
      version: c.recordVersion,
      latestVersion: c.latestVersion,
    })),
  };
}
