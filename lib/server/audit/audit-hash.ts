/**
 * The hash chain's formulas, shared by the writer and the verifier (and so kept free of
 * `server-only`: `npm run audit:verify` runs outside Next.js).
 *
 * dataHash = sha256(canonical JSON of { ip, userAgent, metadata })
 * hash     = sha256(JSON array ["audit-v1", prevHash, sequence, createdAt ISO, type, actorId,
 *                               actorRole, subjectUserId, targetType, targetId, dataHash])
 *
 * The fields are those of the schema's doc comment on AuditEvent. A JSON array instead of a
 * "|"-joined string makes the encoding unambiguous (a "|" inside a value cannot shift fields), and
 * the version tag lets a later formula coexist with old rows. Canonical JSON (sorted keys) because
 * PostgreSQL's jsonb does not keep key order, so the stored metadata comes back reordered.
 */
import { createHash } from "node:crypto";

/** The single AuditChainHead row (also created by prisma/seed.ts). */
export const AUDIT_CHAIN_HEAD_ID = "audit";

const HASH_VERSION = "audit-v1";

export type AuditHashedFields = {
  sequence: number;
  type: string;
  actorId: string | null;
  actorRole: string;
  subjectUserId: string | null;
  targetType: string | null;
  targetId: string | null;
  createdAt: Date;
  dataHash: string;
  prevHash: string | null;
};

export type AuditDataFields = {
  ip: string | null;
  userAgent: string | null;
  metadata: unknown;
};

function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** JSON with object keys sorted at every level and undefined members dropped (as JSON.stringify does). */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(",")}]`;
  if (typeof value === "object") {
    if (value instanceof Date) return JSON.stringify(value.toISOString());
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, inner]) => inner !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(",")}}`;
  }
  if (typeof value === "number" && !Number.isFinite(value)) return "null";
  return JSON.stringify(value);
}

export function computeAuditDataHash(data: AuditDataFields): string {
  return sha256Hex(
    canonicalJson({
      ip: data.ip ?? null,
      userAgent: data.userAgent ?? null,
      metadata: data.metadata ?? null,
    }),
  );
}

export function computeAuditEventHash(fields: AuditHashedFields): string {
  return sha256Hex(
    JSON.stringify([
      HASH_VERSION,
      fields.prevHash,
      fields.sequence,
      fields.createdAt.toISOString(),
      fields.type,
      fields.actorId,
      fields.actorRole,
      fields.subjectUserId,
      fields.targetType,
      fields.targetId,
      fields.dataHash,
    ]),
  );
}
