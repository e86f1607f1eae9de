/**
 * Webhooks (docs/decisions/0047): an admin registers a receiver and gets its signing secret once;
 * a customer's withdrawal reaches the receiver within seconds from the server's own worker, signed
 * in the Standard Webhooks format; the delivery log shows it, and it can be sent again.
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { expect, test } from "./fixtures";
import { createTestPurpose, recordTestConsent } from "./support/marketing";
import { createCustomer, e2eDb, giveSecondFactor, signInAs, STAFF_SESSION } from "./support/users";

test("[ADMIN] registers a webhook; a withdrawal reaches it signed within seconds and shows in the delivery log", async ({
  page,
  context,
  browser,
}) => {
  const received: { headers: IncomingHttpHeaders; body: string; at: number }[] = [];
  const receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      received.push({ headers: req.headers, body, at: Date.now() });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  const purpose = await createTestPurpose();
  try {
    const admin = await createCustomer();
    await e2eDb().userRole.create({ data: { userId: admin.id, role: "ADMIN" } });
    await giveSecondFactor(admin.id);
    await signInAs(context, admin.id, STAFF_SESSION);

    await page.goto("/admin");
    await page.getByRole("link", { name: "Webhooks" }).click();
    await page.getByLabel(/^Adresse \(URL\)/).fill(url);
    await page.getByLabel("Einwilligung widerrufen (consent.withdrawn)").check();
    await page.getByRole("button", { name: "Empfänger eintragen" }).click();
    const shown = page.getByLabel("Signaturgeheimnis");
    await expect(shown).toHaveValue(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const secret = await shown.inputValue();
    const endpoint = page.getByRole("article", { name: url });
    await expect(endpoint).toContainText("Aktiv · consent.withdrawn");

    // The customer withdraws in the consent centre, in her own browser.
    const customer = await createCustomer();
    await recordTestConsent(purpose, customer.id, "GRANTED");
    const customerContext = await browser.newContext();
    await signInAs(customerContext, customer.id);
    const customerPage = await customerContext.newPage();
    await customerPage.goto("/account/privacy");
    const withdrawnAt = Date.now();
    await customerPage
      .getByRole("region", { name: purpose.title, exact: true })
      .getByRole("button", { name: "Widerrufen" })
      .click();
    await expect(
      customerPage.getByText(`Sie haben die Einwilligung „${purpose.title}“ widerrufen.`),
    ).toBeVisible();
    await customerContext.close();

    await expect.poll(() => received.length, { timeout: 10_000 }).toBe(1);
    expect(received[0]!.at - withdrawnAt).toBeLessThan(10_000);
    const event = new Webhook(secret).verify(
      received[0]!.body,
      received[0]!.headers as Record<string, string>,
    );
    expect(event).toMatchObject({
      type: "consent.withdrawn",
      data: { customerId: customer.id, purpose: purpose.key, source: "CONSENT_CENTRE" },
    });

    await page.reload();
    const log = endpoint.getByRole("table", { name: `Letzte Zustellungen an ${url}` });
    await expect(log.getByRole("row").filter({ hasText: "consent.withdrawn" })).toContainText("Zugestellt");
    await log.getByRole("button", { name: "Zustellung consent.withdrawn erneut senden" }).click();
    await expect.poll(() => received.length, { timeout: 10_000 }).toBe(2);
    expect(received[1]!.headers["webhook-id"]).toBe(received[0]!.headers["webhook-id"]);

    await endpoint.getByRole("button", { name: `Empfänger ${url} abschalten` }).click();
    await expect(endpoint).toContainText("Abgeschaltet");
  } finally {
    await e2eDb().webhookEndpoint.updateMany({ where: { url }, data: { disabledAt: new Date() } });
    await purpose.remove();
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
  }
});
