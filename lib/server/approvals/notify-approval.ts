import "server-only";
/**
 * Tells the customer that the shop asks for an approval: a push to their devices and a mail, both
 * with the link to /account/approvals/[id], off the API request's path (the shop must not wait
 * for SMTP). The mail carries no amount or address: the approval page shows what is signed.
 */
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { localeOf, sendMailInBackground } from "@/lib/server/identity/notify";
import { sendApprovalPush } from "@/lib/server/push/send-push";

function logFailure(channel: string, error: unknown): void {
  console.error(
    `[${channel}] approval notice not sent: ${error instanceof Error ? error.message : String(error)}`,
  );
}

export function notifyApprovalRequested(userId: string, approvalId: string): void {
  void sendApprovalPush(userId, approvalId).catch((error: unknown) => logFailure("push", error));
  void db.user
    .findUnique({ where: { id: userId }, select: { email: true, locale: true } })
    .then((user) => {
      if (!user) return;
      sendMailInBackground({
        to: user.email,
        locale: localeOf(user.locale),
        template: {
          name: "approval-requested",
          data: { approvalUrl: `${getEnv().appUrl}/account/approvals/${approvalId}` },
        },
      });
    })
    .catch((error: unknown) => logFailure("mail", error));
}
