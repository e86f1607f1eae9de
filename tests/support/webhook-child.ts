/**
 * A separate portal process for the webhook kill test (tests/integration/webhook-outbox-kill.test.ts),
 * run with `tsx --conditions=react-server` and the test's environment:
 *   change <userId> <purposeKey>  withdraws the consent (the change and its outbox row commit
 *                                 together), prints "committed", then waits to be killed;
 *   work                          runs the webhook worker's rounds until it is killed.
 */
import { db } from "@/lib/db";
import { recordConsent } from "@/lib/server/consent/record-consent";
import { runWebhookDeliveries } from "@/lib/server/webhooks/delivery";

const [mode, userId, purposeKey] = process.argv.slice(2);
if (mode === "change") {
  await db.$transaction((tx) =>
    recordConsent(
      {
        userId: userId!,
        purposeKey: purposeKey!,
        action: "WITHDRAWN",
        source: "CONSENT_CENTRE",
        locale: "de",
        ip: null,
        userAgent: null,
      },
      { tx },
    ),
  );
  console.log("committed");
  setInterval(() => {}, 60_000);
} else if (mode === "work") {
  console.log("working");
  for (;;) {
    await runWebhookDeliveries();
    await new Promise((r) => setTimeout(r, 100));
  }
}
