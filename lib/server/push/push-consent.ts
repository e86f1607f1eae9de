import "server-only";
/**
 * Marketing pushes rest on the "marketing_push" consent. Current means: the latest action is a
 * grant, and no material version was published after the version it was given for (a new material
 * version asks again, docs/decisions/0015). The rule lives in lib/server/consent (the one reader).
 */
import { hasCurrentConsent } from "@/lib/server/consent/current-consent";
import { db, type Db, type Tx } from "@/lib/db";

export const MARKETING_PUSH_PURPOSE = "marketing_push";

export async function hasMarketingPushConsent(
  userId: string,
  { tx = db }: { tx?: Tx | Db } = {},
): Promise<boolean> {
  return hasCurrentConsent({ userId, purposeKey: MARKETING_PUSH_PURPOSE }, { tx });
}
