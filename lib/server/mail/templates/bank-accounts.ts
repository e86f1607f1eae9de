/** The notice that bank details were added, changed or removed (docs/decisions/0012); masked account only. */
import { button, notYouBlocks, paragraph, resetButton, timeRow, type MailRenderers } from "./kit";

export type BankAccountMailChange = "added" | "changed" | "removed";

export type BankAccountMailData = {
  "bank-account-changed": {
    change: BankAccountMailChange;
    accountMasked: string;
    time: Date;
    reviewUrl: string;
  };
};

export const bankAccountMails: MailRenderers<BankAccountMailData> = {
  "bank-account-changed": ({ change, accountMasked, time, reviewUrl }, scope) => {
    const { t } = scope;
    return {
      subject: t("bankAccountChanged.subject", { change }),
      heading: t("bankAccountChanged.heading", { change }),
      blocks: [
        paragraph(t("bankAccountChanged.intro", { change })),
        {
          kind: "facts",
          rows: [timeRow(scope, time), { label: t("bankAccountChanged.account"), value: accountMasked }],
        },
        ...notYouBlocks(t, t("bankAccountChanged.notYou"), [
          button(t("bankAccountChanged.reviewButton"), reviewUrl),
          resetButton(scope),
        ]),
      ],
    };
  },
};
