/**
 * Notices to the account holder that a way into the account changed: the password, the address,
 * a second factor, a linked social account. NIST SP 800-63B-4 §4.6: the holder hears of every
 * authenticator bound or removed. Each ends with what to do if it was not them.
 */
import {
  button,
  notYouBlocks,
  paragraph,
  resetButton,
  routeUrl,
  timeRow,
  type Body,
  type MailScope,
  type MailRenderers,
} from "./kit";

/** Factors named in the notices (translated in the mail catalogs under factorNames). */
export type MailFactor = "totp" | "recoveryCodes" | "passkey";

type FactorNotice = { factor: MailFactor; time: Date; reviewUrl: string };
type SocialNotice = { provider: string; time: Date; reviewUrl: string };

export type AccountSecurityMailData = {
  /** After a reset or change; all other sessions were signed out. */
  "password-changed": { time: Date; resetUrl: string };
  /** To the OLD address once the change is confirmed: a hijacked account must not change hands silently. */
  "email-change-notice": { newEmailMasked: string; time: Date };
  "factor-added": FactorNotice;
  "factor-removed": FactorNotice;
  "social-account-linked": SocialNotice;
  "social-account-unlinked": SocialNotice;
};

function factorNotice(section: "factorAdded" | "factorRemoved", d: FactorNotice, scope: MailScope): Body {
  const { t } = scope;
  const factor = t(`factorNames.${d.factor}`);
  return {
    subject: t(`${section}.subject`, { factor }),
    heading: t(`${section}.heading`, { factor }),
    blocks: [
      paragraph(t(`${section}.intro`, { factor })),
      { kind: "facts", rows: [timeRow(scope, d.time)] },
      ...notYouBlocks(t, t(`${section}.notYou`), [
        button(t("security.reviewButton"), d.reviewUrl),
        resetButton(scope),
      ]),
    ],
  };
}

function socialNotice(
  k: "socialAccountLinked" | "socialAccountUnlinked",
  { provider, time, reviewUrl }: SocialNotice,
  scope: MailScope,
): Body {
  const { t } = scope;
  return {
    subject: t(`${k}.subject`, { provider }),
    heading: t(`${k}.heading`, { provider }),
    blocks: [
      paragraph(t(`${k}.intro`, { provider })),
      { kind: "facts", rows: [timeRow(scope, time), { label: t("facts.provider"), value: provider }] },
      ...notYouBlocks(t, t(`${k}.notYou`), [button(t(`${k}.reviewButton`), reviewUrl), resetButton(scope)]),
    ],
  };
}

export const accountSecurityMails: MailRenderers<AccountSecurityMailData> = {
  "password-changed": (d, scope) => {
    const { t } = scope;
    return {
      subject: t("passwordChanged.subject"),
      heading: t("passwordChanged.heading"),
      blocks: [
        paragraph(t("passwordChanged.intro")),
        { kind: "facts", rows: [timeRow(scope, d.time)] },
        ...notYouBlocks(t, t("passwordChanged.notYou"), [button(t("security.resetButton"), d.resetUrl)]),
      ],
    };
  },

  "email-change-notice": (d, scope) => {
    const { t, ctx } = scope;
    return {
      subject: t("emailChangeNotice.subject"),
      heading: t("emailChangeNotice.heading"),
      blocks: [
        paragraph(t("emailChangeNotice.intro")),
        {
          kind: "facts",
          rows: [timeRow(scope, d.time), { label: t("facts.newEmail"), value: d.newEmailMasked }],
        },
        // No reset link: it would now go to the new address, the one an intruder may control.
        ...notYouBlocks(t, t("emailChangeNotice.notYou"), [
          button(t("security.reviewButton"), routeUrl(ctx, "/account/security")),
        ]),
      ],
    };
  },

  "factor-added": (d, scope) => factorNotice("factorAdded", d, scope),
  "factor-removed": (d, scope) => factorNotice("factorRemoved", d, scope),
  "social-account-linked": (d, scope) => socialNotice("socialAccountLinked", d, scope),
  "social-account-unlinked": (d, scope) => socialNotice("socialAccountUnlinked", d, scope),
};
