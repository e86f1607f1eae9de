/**
 * Mails about signing in: the one-time code, the notice of a new device, a sign-in the risk engine
 * stopped (docs/decisions/0021) and the unlock link of a throttled form (0022). The reasons are the
 * risk engine's codes put into words for the customer (mail catalog `signInReasons`), never its scores.
 */
import type { RiskReason } from "@/lib/config/risk";
import type { MailBlock } from "../mail-layout";
import {
  button,
  notYouBlocks,
  paragraph,
  resetButton,
  timeRow,
  type MailLocale,
  type MailRenderers,
  type MailScope,
  type Translate,
} from "./kit";

/** When, with which device and from where a sign-in came (new-device notice, blocked sign-in). */
export type SignInFacts = {
  time: Date;
  browser: string;
  os: string;
  location: string | null;
  ip: string | null;
  reviewUrl: string;
};

export type SignInMailData = {
  /** The email one-time code of /login/verify. */
  "sign-in-code": { code: string; expiresMinutes: number };
  "new-device-sign-in": SignInFacts;
  /**
   * The risk engine stopped a sign-in: why, in words, and the two ways out (docs/decisions/0021):
   * "Das war ich" (valid `expiresMinutes`; the next sign-in within `continueMinutes` asks for a
   * code instead) and "Das war ich nicht" (sign out everywhere, new password).
   */
  "sign-in-blocked": SignInFacts & {
    reasons: RiskReason[];
    itWasMeUrl: string;
    notMeUrl: string;
    expiresMinutes: number;
    continueMinutes: number;
  };
  /** Asked for on the throttled sign-in form: lets the browser that opens it sign in (0022). */
  "sign-in-unlock": { url: string; expiresMinutes: number };
};

function signInFactsBlock(scope: MailScope, d: SignInFacts): MailBlock {
  const { t } = scope;
  const unknown = t("layout.unknown");
  const orUnknown = (value: string | null) => (value && value.trim() ? value : unknown);
  return {
    kind: "facts",
    rows: [
      timeRow(scope, d.time),
      {
        label: t("facts.device"),
        value: t("facts.deviceValue", { browser: orUnknown(d.browser), os: orUnknown(d.os) }),
      },
      { label: t("facts.location"), value: orUnknown(d.location) },
      { label: t("facts.ip"), value: orUnknown(d.ip) },
    ],
  };
}

const LIST_LOCALES: Record<MailLocale, string> = { de: "de-DE", en: "en-GB" };

/** "von einem neuen Gerät und aus einem neuen Land" / "from a new device and from a new country". */
function reasonList(t: Translate, locale: MailLocale, reasons: readonly RiskReason[]): string {
  const fragments = reasons.map((reason) => t(`signInReasons.${reason}`));
  return new Intl.ListFormat(LIST_LOCALES[locale], { type: "conjunction" }).format(fragments);
}

export const signInMails: MailRenderers<SignInMailData> = {
  "sign-in-code": (d, { t }) => ({
    subject: t("signInCode.subject"),
    heading: t("signInCode.heading"),
    blocks: [
      paragraph(t("signInCode.intro")),
      { kind: "facts", rows: [{ label: t("signInCode.codeLabel"), value: d.code }] },
      paragraph(t("signInCode.validity", { minutes: d.expiresMinutes })),
      paragraph(t("signInCode.notYou")),
    ],
  }),

  "new-device-sign-in": (d, scope) => {
    const { t } = scope;
    return {
      subject: t("newDeviceSignIn.subject"),
      heading: t("newDeviceSignIn.heading"),
      blocks: [
        paragraph(t("newDeviceSignIn.intro")),
        signInFactsBlock(scope, d),
        ...notYouBlocks(t, t("newDeviceSignIn.notYou"), [
          button(t("security.reviewButton"), d.reviewUrl),
          resetButton(scope),
        ]),
      ],
    };
  },

  "sign-in-blocked": (d, scope) => {
    const { t, locale } = scope;
    return {
      subject: t("signInBlocked.subject"),
      heading: t("signInBlocked.heading"),
      blocks: [
        paragraph(t("signInBlocked.intro")),
        signInFactsBlock(scope, d),
        ...(d.reasons.length > 0
          ? [paragraph(t("signInBlocked.why", { reasons: reasonList(t, locale, d.reasons) }))]
          : []),
        { kind: "subheading", text: t("signInBlocked.itWasMeHeading") },
        paragraph(t("signInBlocked.itWasMe", { minutes: d.continueMinutes })),
        button(t("signInBlocked.itWasMeButton"), d.itWasMeUrl),
        paragraph(t("signInBlocked.validity", { minutes: d.expiresMinutes })),
        { kind: "subheading", text: t("signInBlocked.notMeHeading") },
        paragraph(t("signInBlocked.notMe")),
        button(t("signInBlocked.notMeButton"), d.notMeUrl),
      ],
    };
  },

  "sign-in-unlock": (d, { t }) => ({
    subject: t("signInUnlock.subject"),
    heading: t("signInUnlock.heading"),
    blocks: [
      paragraph(t("signInUnlock.intro")),
      button(t("signInUnlock.button"), d.url),
      paragraph(t("signInUnlock.validity", { minutes: d.expiresMinutes })),
      paragraph(t("signInUnlock.notYou")),
    ],
  }),
};
