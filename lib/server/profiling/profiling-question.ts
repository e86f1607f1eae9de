import "server-only";
/**
 * Loads what the selection needs (sign-in count, profile, free attributes, prompt history,
 * current consents) and returns the one question to ask on this page, evaluated per request. In a
 * render the profile and consents are read once for the whole page (their per-request caches), and
 * the sign-in count comes with the session when the page passes it.
 */
import { db, type Db } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import {
  selectNextQuestion,
  type ProfilingPlace,
  type ProfilingSituation,
} from "@/lib/server/profiling/next-question";
import type { ProfilingPurpose } from "@/lib/config/profiling";
import type { ProfilingAttributeKey } from "@/lib/schemas/profiling";
import { currentConsents } from "@/lib/server/consent";
import { profileFacts } from "@/lib/server/profile/profile-facts";

export type ProfilingQuestion = {
  attributeKey: ProfilingAttributeKey;
  purpose: ProfilingPurpose;
  /** The consent purpose's title as the consent centre shows it (null for "contract"). */
  consentTitle: string | null;
};

export async function loadProfilingSituation(opts: {
  reader?: Db;
  userId: string;
  place: ProfilingPlace;
  now?: Date;
  /** The customer's sign-in count when the caller has it (the current user's, read with the session). */
  signInCount?: number;
}): Promise<ProfilingSituation> {
  const reader = opts.reader ?? db;
  const [signInCount, profile, attributes, prompts, consents] = await Promise.all([
    opts.signInCount ??
      reader.user
        .findUniqueOrThrow({ where: { id: opts.userId }, select: { signInCount: true } })
        .then((user) => user.signInCount),
    profileFacts(opts.userId, reader),
    reader.profileAttributeValue.findMany({
      where: { userId: opts.userId },
      select: { attributeKey: true, value: true },
    }),
    reader.profilingPrompt.findMany({
      where: { userId: opts.userId },
      select: { attributeKey: true, answeredAt: true, snoozedUntil: true },
    }),
    currentConsents(opts.userId, { tx: reader }),
  ]);
  return {
    now: opts.now ?? new Date(),
    place: opts.place,
    signInCount,
    consentedPurposes: new Set(consents.filter((c) => c.isCurrent).map((c) => c.purposeKey)),
    facts: {
      ...profile,
      attributes: Object.fromEntries(attributes.map((a) => [a.attributeKey, a.value])),
    },
    prompts: Object.fromEntries(
      prompts.map((p) => [p.attributeKey, { answeredAt: p.answeredAt, snoozedUntil: p.snoozedUntil }]),
    ),
  };
}

/** The question for this customer on this page now, or null (nothing to ask here). */
export async function getProfilingQuestion(opts: {
  userId: string;
  place: ProfilingPlace;
  locale: Locale;
  now?: Date;
  signInCount?: number;
}): Promise<ProfilingQuestion | null> {
  const attribute = selectNextQuestion(await loadProfilingSituation(opts));
  if (!attribute) return null;
  const consentTitle =
    attribute.purpose === "contract" ? null : await consentPurposeTitle(attribute.purpose, opts.locale);
  return { attributeKey: attribute.key, purpose: attribute.purpose, consentTitle };
}

/** The title of the purpose's latest published text in the locale (German as the fallback). */
async function consentPurposeTitle(purposeKey: string, locale: Locale): Promise<string | null> {
  const version = await db.consentPurposeVersion.findFirst({
    where: { purpose: { key: purposeKey }, publishedAt: { not: null } },
    orderBy: { version: "desc" },
    select: { texts: { select: { locale: true, title: true } } },
  });
  const texts = version?.texts ?? [];
  return (texts.find((t) => t.locale === locale) ?? texts.find((t) => t.locale === "de"))?.title ?? null;
}
