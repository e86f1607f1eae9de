import "server-only";
/**
 * Single-use, expiring tokens sent by mail (verification, reset, email change, social link). Only
 * the SHA-256 of the token is stored; consuming is conditional on `consumedAt: null`, so two
 * concurrent uses cannot both succeed.
 */
import { randomBytes } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma-sqlite/client";
import { hashToken } from "@/lib/server/crypto/token-hash";
import { getEnv } from "@/lib/env";
import { db, type Tx } from "@/lib/db";

export type TokenPurpose =
  | "EMAIL_VERIFICATION"
  | "PASSWORD_RESET"
  | "EMAIL_CHANGE"
  | "SOCIAL_LINK"
  | "RISK_RELEASE"
  | "RISK_REPORT"
  | "SIGN_IN_UNLOCK"
  | "STAFF_INVITE";

export const TOKEN_TTL_MINUTES: Record<TokenPurpose, number> = {
  EMAIL_VERIFICATION: 24 * 60,
  PASSWORD_RESET: 30,
  EMAIL_CHANGE: 24 * 60,
  SOCIAL_LINK: 15,
  // "Das war ich" answers a sign-in the person is attempting right now; "Das war ich nicht" may be
  // read later and only protects (docs/decisions/0021). The unlock link is asked for on the spot.
  RISK_RELEASE: 60,
  RISK_REPORT: 24 * 60,
  SIGN_IN_UNLOCK: 30,
  // An invitation may wait for a weekend (docs/decisions/0041).
  STAFF_INVITE: 72 * 60,
};

export async function issueToken(
  opts: { userId: string; purpose: TokenPurpose; payload?: Prisma.InputJsonValue },
  { tx = db }: { tx?: Tx } = {},
): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await tx.verificationToken.create({
    data: {
      tokenHash: hashToken(token),
      purpose: opts.purpose,
      userId: opts.userId,
      payload: opts.payload,
      expiresAt: new Date(Date.now() + TOKEN_TTL_MINUTES[opts.purpose] * 60_000),
    },
  });
  return token;
}

/** The token's row when it exists, has this purpose, is unused and unexpired; else null. */
export async function findUsableToken(
  opts: { token: string; purpose: TokenPurpose },
  { tx = db }: { tx?: Tx } = {},
) {
  if (!opts.token || opts.token.length > 200) return null;
  const row = await tx.verificationToken.findUnique({ where: { tokenHash: hashToken(opts.token) } });
  return row && row.purpose === opts.purpose && !row.consumedAt && row.expiresAt > new Date() ? row : null;
}

/** The absolute link a mail carries for a token, e.g. /verify-email?token=…. */
export function tokenLink(
  path:
    | "/verify-email"
    | "/reset-password"
    | "/login/it-was-me"
    | "/login/not-me"
    | "/login/unlock"
    | "/staff-invitation",
  token: string,
): string {
  return `${getEnv().appUrl}${path}?token=${encodeURIComponent(token)}`;
}

export type ConsumedToken = { userId: string; payload: Prisma.JsonValue | null };

/** Marks the token used and returns it, or null when unknown, expired, used or of another purpose. */
export async function consumeToken(
  opts: { token: string; purpose: TokenPurpose },
  { tx = db }: { tx?: Tx } = {},
): Promise<ConsumedToken | null> {
  const row = await findUsableToken(opts, { tx });
  if (!row) return null;
  const { count } = await tx.verificationToken.updateMany({
    where: { id: row.id, consumedAt: null },
    data: { consumedAt: new Date() },
  });
  return count === 1 ? { userId: row.userId, payload: row.payload } : null;
}

/** Looks a token up without using it (to show a form before the user submits it). */
export async function isTokenUsable(
  opts: { token: string; purpose: TokenPurpose },
  { tx = db }: { tx?: Tx } = {},
): Promise<boolean> {
  return (await findUsableToken(opts, { tx })) !== null;
}

/** Invalidates the user's open tokens of a purpose (a new reset link voids the older ones). */
export async function voidTokens(
  opts: { userId: string; purpose: TokenPurpose },
  { tx = db }: { tx?: Tx } = {},
): Promise<void> {
  await tx.verificationToken.updateMany({
    where: { userId: opts.userId, purpose: opts.purpose, consumedAt: null },
    data: { consumedAt: new Date() },
  });
}

/** A new link that voids the user's older open links of its purpose: only the newest one works. */
export async function reissueToken(
  opts: { userId: string; purpose: TokenPurpose; payload?: Prisma.InputJsonValue },
  { tx = db }: { tx?: Tx } = {},
): Promise<string> {
  await voidTokens(opts, { tx });
  return issueToken(opts, { tx });
}

/**
 * The links a change makes stale (docs/decisions/0019). A reset link mailed before the password,
 * a factor or a linked identity changed, or before the address changed, must not outlive the
 * change; nor must a pending email change, which was asked for under the old state. A changed
 * address also ends open verification links, which were for the old one.
 */
const STALE_AFTER: Record<"credential" | "address", readonly TokenPurpose[]> = {
  credential: ["PASSWORD_RESET", "EMAIL_CHANGE"],
  address: ["PASSWORD_RESET", "EMAIL_CHANGE", "EMAIL_VERIFICATION"],
};

/** Voids the user's open links that `change` makes stale; returns how many. Call it in the change's transaction. */
export async function voidLinksAfterChange(
  opts: { userId: string; change: "credential" | "address" },
  { tx = db }: { tx?: Tx } = {},
): Promise<number> {
  const { count } = await tx.verificationToken.updateMany({
    where: { userId: opts.userId, purpose: { in: [...STALE_AFTER[opts.change]] }, consumedAt: null },
    data: { consumedAt: new Date() },
  });
  return count;
}
