/**
 * The mails of the staff administration (docs/decisions/0041). Kept apart from templates.ts, which
 * picks them by name; pure like it.
 */
import type { Body, Translate } from "./templates";

export function staffInvitationBody(
  t: Translate,
  d: { url: string; roleName: string; expiresHours: number },
): Body {
  return {
    subject: t("staffInvitation.subject"),
    heading: t("staffInvitation.heading"),
    blocks: [
      { kind: "paragraph", text: t("staffInvitation.intro", { role: d.roleName }) },
      { kind: "button", label: t("staffInvitation.button"), url: d.url },
      { kind: "paragraph", text: t("staffInvitation.factor") },
      { kind: "paragraph", text: t("staffInvitation.validity", { hours: d.expiresHours }) },
      { kind: "paragraph", text: t("staffInvitation.notYou") },
    ],
  };
}
