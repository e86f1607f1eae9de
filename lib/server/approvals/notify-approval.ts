import "server-only";
/**
 * Tells the customer that the shop asks for an approval: a push to their devices and a mail, both
 * with the link to /account/approvals/[id], off the API request's path (the shop must not wait
 * for SMTP). The mail carries no amount or address: the approval page shows what is signed.
 */
import { getEnv } from "@/lib/env";
import { mailCustomerInBackground } from "@/lib/server/identity/notify";
import { sendApprovalPush } from "@/lib/server/push/send-push";

export function notifyApprovalRequested(userId: string, approvalId: string): void {
  void sendApprovalPush(userId, approvalId).catch((error: unknown) => {
    console.error(
      `[push] approval notice not sent: ${error instanceof Error ? error.message : String(error)}`,
    );
  });
  mailCustomerInBackground(userId, {
    name: "approval-requested",
    data: { approvalUrl: `${getEnv().appUrl}/account/approvals/${approvalId}` },
  });
}
