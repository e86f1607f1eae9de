import "server-only";
/**
 * The double opt-in link (/newsletter/confirm?token=…): a VerificationToken of purpose
 * NEWSLETTER_OPT_IN, hashed, single use, 48 hours. Same pattern as lib/server/identity/tokens.ts
 * (whose typed purposes are the identity ones); the hash function is shared.
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { hashToken } from "@/lib/server/crypto/token-hash";
import { NEWSLETTER_CONFIRM_TTL_HOURS, NEWSLETTER_TOPICS } from "@/lib/config/newsletter-topics";
import { getEnv } from "@/lib/env";
import { db, type Tx } from "@/lib/db";

const PURPOSE = "NEWSLETTER_OPT_IN" as const;

/** What the link confirms: the EMAIL topics pending when it was sent, and the text shown then. */
export const OptInPayloadSchema = z.object({
  channel: z.literal("EMAIL"),
  topicKeys: z.array(z.enum(NEWSLETTER_TOPICS)).min(1),
  locale: z.enum(["de", "en"]),
  textVersion: z.string().min(1).max(100),
});
export type OptInPayload = z.infer<typeof OptInPayloadSchema>;

export type OptInToken = { id: string; userId: string; payload: OptInPayload };

/** Issues a new link and voids the user's older ones: only the newest mail's link works. */
export async function issueOptInToken(
  opts: { userId: string; payload: OptInPayload },
  { tx = db }: { tx?: Tx } = {},
): Promise<string> {
  await voidOptInTokens(opts.userId, { tx });
  const token = randomBytes(32).toString("base64url");
  await tx.verificationToken.create({
    data: {
      tokenHash: hashToken(token),
      purpose: PURPOSE,
      userId: opts.userId,
      payload: opts.payload,
      expiresAt: new Date(Date.now() + NEWSLETTER_CONFIRM_TTL_HOURS * 3_600_000),
    },
  });
  return token;
}

/** The unused, unexpired token with its payload, without using it (the page before the button). */
export async function findOptInToken(
  token: string,
  { tx = db }: { tx?: Tx } = {},
): Promise<OptInToken | null> {
  if (!token || token.length > 200) return null;
  const row = await tx.verificationToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.purpose !== PURPOSE || row.consumedAt || row.expiresAt <= new Date()) return null;
  const payload = OptInPayloadSchema.safeParse(row.payload);
  return payload.success ? { id: row.id, userId: row.userId, payload: payload.data } : null;
}

/** Marks the token used; null when unknown, expired, used, or used concurrently a moment ago. */
export async function consumeOptInToken(
  token: string,
  { tx = db }: { tx?: Tx } = {},
): Promise<OptInToken | null> {
  const found = await findOptInToken(token, { tx });
  if (!found) return null;
  const { count } = await tx.verificationToken.updateMany({
    where: { id: found.id, consumedAt: null },
    data: { consumedAt: new Date() },
  });
  return count === 1 ? found : null;
}

export async function voidOptInTokens(userId: string, { tx = db }: { tx?: Tx } = {}): Promise<void> {
  await tx.verificationToken.updateMany({
    where: { userId, purpose: PURPOSE, consumedAt: null },
    data: { consumedAt: new Date() },
  });
}

export function optInLink(token: string): string {
  return `${getEnv().appUrl.replace(/\/+$/, "")}/newsletter/confirm?token=${encodeURIComponent(token)}`;
}
