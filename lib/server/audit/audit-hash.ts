/**
 * The hash chain's formulas, shared by the writer and the verifier (and so kept free of
 * `server-only`: `npm run audit:verify` runs outside Next.js).
 *
 * dataHash = sha256(canonical JSON of { ip, userAgent, metadata })
 * hash     = sha256(JSON array ["audit-v2", partition, prevHash, sequence, createdAt ISO, type,
 *                               actorId, actorRole, subjectUserId, targetType, targetId, dataHash])
 * Partition 0 holds the events written before partitions (docs/decisions/0074) and keeps their
 * formula, "audit-v1" without the partition; every later event names its partition in the hash,
 * so moving a row into another partition's chain breaks it.
 *
 * The fields are those of the schema's doc comment on AuditEvent. A JSON array instead of a
 * "|"-joined string makes the encoding unambiguous (a "|" inside a value cannot shift fields), and
 * the version tag lets a later formula coexist with old rows. Canonical JSON (sorted keys) because
 * PostgreSQL's jsonb does not keep key order, so the stored metadata comes back reordered.
 */
import { createHash } from "node:crypto";

/** The chain of the events written before partitions: frozen, hashed with the "audit-v1" formula. */
export const LEGACY_PARTITION = 0;

export type AuditHashedFields = {
  partition: number;
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
  const rest = [
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
  ];
  const versioned =
    fields.partition === LEGACY_PARTITION ? ["audit-v1", ...rest] : ["audit-v2", fields.partition, ...rest];
  return sha256Hex(JSON.stringify(versioned));
}

/** sha256 hex of text; exported for the checkpoint's digest of all heads. */
export function auditSha256(text: string): string {
  return sha256Hex(text);
}
