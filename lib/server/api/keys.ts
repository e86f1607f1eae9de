import "server-only";
/**
 * API keys for the machine API (docs/decisions/0045): made by an admin with scopes and an expiry,
 * shown once, stored as SHA-256 only (a leaked database cannot be replayed as keys), revocable.
 * A key is `kp_<prefix>_<secret>`; the prefix is not secret and identifies the key in lists and
 * logs, the whole string is the credential.
 */
import { randomBytes } from "node:crypto";
import { API_KEY_PREFIX, isApiScope, type ApiKeyLifetimeDays, type ApiScope } from "@/lib/config/api";
import { db as defaultDb, type Db } from "@/lib/db";
import type { Actor, StaffActor } from "@/lib/server/actor";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { hashToken } from "@/lib/server/crypto/token-hash";

const DAY_MS = 24 * 60 * 60 * 1000;

export type ApiKeySummary = {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiScope[];
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

/** The scopes stored with a key (Json): unknown strings are dropped, never granted. */
export function storedScopes(value: unknown): ApiScope[] {
  return Array.isArray(value) ? value.filter(isApiScope) : [];
}

/** Creates a key; the answer holds the only copy of the secret the portal will ever show. */
export async function createApiKey(
  input: { actor: StaffActor; name: string; scopes: ApiScope[]; lifetimeDays: ApiKeyLifetimeDays },
  { tx = defaultDb }: { tx?: Db } = {},
): Promise<{ ok: true; id: string; key: string; prefix: string; expiresAt: Date }> {
  const prefix = `${API_KEY_PREFIX}${randomBytes(4).toString("hex")}`;
  const key = `${prefix}_${randomBytes(32).toString("base64url")}`;
  const expiresAt = new Date(Date.now() + input.lifetimeDays * DAY_MS);
  const scopes = [...new Set(input.scopes)];
  const created = await tx.$transaction(async (t) => {
    const row = await t.apiKey.create({
      data: {
        name: input.name,
        prefix,
        keyHash: hashToken(key),
        scopes,
        expiresAt,
        createdById: input.actor.userId,
      },
      select: { id: true },
    });
    await writeAuditEvent(t, {
      type: "api_key.created",
      actor: input.actor,
      target: { type: "ApiKey", id: row.id },
      metadata: { prefix, scopes, expiresAt: expiresAt.toISOString() },
    });
    return row;
  });
  return { ok: true, id: created.id, key, prefix, expiresAt };
}

/** Revokes a key at once; an unknown or already revoked key is NOT_FOUND (nothing changes). */
export async function revokeApiKey(
  input: { actor: StaffActor; id: string },
  { tx = defaultDb }: { tx?: Db } = {},
): Promise<{ ok: true } | { ok: false; code: "NOT_FOUND" }> {
  return tx.$transaction(async (t) => {
    const { count } = await t.apiKey.updateMany({
      where: { id: input.id, revokedAt: null },
      data: { revokedAt: new Date(), revokedById: input.actor.userId },
    });
    if (count === 0) return { ok: false as const, code: "NOT_FOUND" as const };
    await writeAuditEvent(t, {
      type: "api_key.revoked",
      actor: input.actor,
      target: { type: "ApiKey", id: input.id },
    });
    return { ok: true as const };
  });
}

/** Every key, newest first, without secrets (there are none to show). */
export async function listApiKeys({ tx = defaultDb }: { tx?: Db } = {}): Promise<ApiKeySummary[]> {
  const rows = await tx.apiKey.findMany({
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      name: true,
      prefix: true,
      scopes: true,
      createdAt: true,
      expiresAt: true,
      lastUsedAt: true,
      revokedAt: true,
    },
  });
  return rows.map((row) => ({ ...row, scopes: storedScopes(row.scopes) }));
}

export type ApiKeyCheck =
  | { ok: true; apiKeyId: string; scopes: ApiScope[] }
  | { ok: false; code: "UNAUTHENTICATED" | "KEY_EXPIRED" | "KEY_REVOKED" };

/**
 * The key behind a presented secret. Looked up by its hash (an indexed equality: no timing
 * difference between a near miss and a far one). Expired and revoked keys are told apart so the
 * integration's operator knows what to do; neither says anything about other keys.
 */
export async function checkApiKey(
  presented: string,
  { tx = defaultDb, now = new Date() }: { tx?: Db; now?: Date } = {},
): Promise<ApiKeyCheck> {
  if (!presented.startsWith(API_KEY_PREFIX) || presented.length > 200)
    return { ok: false, code: "UNAUTHENTICATED" };
  const row = await tx.apiKey.findUnique({
    where: { keyHash: hashToken(presented) },
    select: { id: true, scopes: true, expiresAt: true, revokedAt: true },
  });
  if (!row) return { ok: false, code: "UNAUTHENTICATED" };
  if (row.revokedAt) return { ok: false, code: "KEY_REVOKED" };
  if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) return { ok: false, code: "KEY_EXPIRED" };
  return { ok: true, apiKeyId: row.id, scopes: storedScopes(row.scopes) };
}

/**
 * One call of the API, recorded: the key's last use moves, and the audit log gets the call with
 * the key as actor (route, status, rows answered), in one transaction.
 */
export async function recordApiCall(
  input: {
    actor: Extract<Actor, { kind: "apiKey" }>;
    route: string;
    status: number;
    subject?: string | null;
    metadata?: Record<string, string | number | boolean | null>;
  },
  { tx = defaultDb }: { tx?: Db } = {},
): Promise<void> {
  await tx.$transaction(async (t) => {
    await t.apiKey.update({
      where: { id: input.actor.apiKeyId },
      data: { lastUsedAt: new Date() },
      select: { id: true },
    });
    await writeAuditEvent(t, {
      type: "api.request",
      actor: input.actor,
      subject: input.subject ?? null,
      target: { type: "ApiRoute", id: input.route },
      metadata: { status: input.status, ...input.metadata },
    });
  });
}
