/**
 * The mails about a stopped sign-in and the unlock link (docs/decisions/0021, 0022). Kept apart
 * from templates.ts, which picks them by name; pure like it. The reasons are the risk engine's
 * codes put into words for the customer (mail catalog `signInReasons`), never its scores.
 */
import type { RiskReason } from "@/lib/config/risk";
import type { MailBlock } from "./mail-layout";
import type { Body, MailLocale, SignInFacts, Translate } from "./templates";

const LIST_LOCALES: Record<MailLocale, string> = { de: "de-DE", en: "en-GB" };

/** "von einem neuen Gerät und aus einem neuen Land" / "from a new device and from a new country". */
function reasonList(t: Translate, locale: MailLocale, reasons: readonly RiskReason[]): string {
  const fragments = reasons.map((reason) => t(`signInReasons.${reason}`));
  return new Intl.ListFormat(LIST_LOCALES[locale], { type: "conjunction" }).format(fragments);
}

export function signInBlockedBody(
  t: Translate,
  locale: MailLocale,
  d: SignInFacts & {
    reasons: RiskReason[];
    itWasMeUrl: string;
    notMeUrl: string;
    expiresMinutes: number;
    continueMinutes: number;
  },
  facts: MailBlock,
): Body {
  const paragraph = (text: string): MailBlock => ({ kind: "paragraph", text });
  return {
    subject: t("signInBlocked.subject"),
    heading: t("signInBlocked.heading"),
    blocks: [
      paragraph(t("signInBlocked.intro")),
      facts,
      ...(d.reasons.length > 0
        ? [paragraph(t("signInBlocked.why", { reasons: reasonList(t, locale, d.reasons) }))]
        : []),
      { kind: "subheading", text: t("signInBlocked.itWasMeHeading") },
      paragraph(t("signInBlocked.itWasMe", { minutes: d.continueMinutes })),
      { kind: "button", label: t("signInBlocked.itWasMeButton"), url: d.itWasMeUrl },
      paragraph(t("signInBlocked.validity", { minutes: d.expiresMinutes })),
      { kind: "subheading", text: t("signInBlocked.notMeHeading") },
      paragraph(t("signInBlocked.notMe")),
      { kind: "button", label: t("signInBlocked.notMeButton"), url: d.notMeUrl },
    ],
  };
}

export function signInUnlockBody(t: Translate, d: { url: string; expiresMinutes: number }): Body {
  return {
    subject: t("signInUnlock.subject"),
    heading: t("signInUnlock.heading"),
    blocks: [
      { kind: "paragraph", text: t("signInUnlock.intro") },
      { kind: "button", label: t("signInUnlock.button"), url: d.url },
      { kind: "paragraph", text: t("signInUnlock.validity", { minutes: d.expiresMinutes }) },
      { kind: "paragraph", text: t("signInUnlock.notYou") },
    ],
  };
}
