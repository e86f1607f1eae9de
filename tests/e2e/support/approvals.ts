/**
 * Shop approvals in E2E specs (docs/decisions/0063): the shop's side — a receiver registered by an
 * admin through /admin/webhooks (so its secret is sealed by the server as in production) and
 * requests through the real POST /api/v1/approvals with an orders:write key.
 */
import { createHash } from "node:crypto";
import { expect, type APIRequestContext, type Browser } from "@playwright/test";
import { startReceiver } from "../../support/webhook-receiver";
import { createTestApiKey } from "./marketing";
import { createCustomer, e2eDb, giveSecondFactor, signInAs, STAFF_SESSION } from "./users";

export const APPROVAL_DETAILS = {
  amount: { minor: 124_900, currency: "EUR" },
  reason: "over_threshold",
  deliveryAddress: ["Beispiel GmbH", "Wareneingang Tor 3", "Hafenstraße 12", "20457 Hamburg"],
  lines: [
    { name: "Bürostuhl ErgoPlus", quantity: 3, unitAmountMinor: 29_900 },
    { name: "Schreibtisch Eiche 160 × 80 cm", quantity: 1, unitAmountMinor: 35_200 },
  ],
};

/**
 * The shop: a key with orders:write and a receiver with its signing secret, subscribed to the
 * events named by their labels in /admin/webhooks (by default approval.decided).
 */
export async function startShop(
  browser: Browser,
  events: string[] = ["Bestellfreigabe entschieden (approval.decided)"],
) {
  const receiver = await startReceiver();
  const admin = await createCustomer();
  await e2eDb().userRole.create({ data: { userId: admin.id, role: "ADMIN" } });
  await giveSecondFactor(admin.id);
  const context = await browser.newContext();
  await signInAs(context, admin.id, STAFF_SESSION);
  const page = await context.newPage();
  await page.goto("/admin/webhooks");
  await page.getByLabel(/^Adresse \(URL\)/).fill(receiver.url);
  for (const event of events) await page.getByLabel(event).check();
  await page.getByRole("button", { name: "Empfänger eintragen" }).click();
  const shown = page.getByLabel("Signaturgeheimnis");
  await expect(shown).toHaveValue(/^whsec_/);
  const secret = await shown.inputValue();
  await context.close();
  const key = await createTestApiKey(["orders:write"]);
  return {
    key,
    secret,
    receiver,
    async stop() {
      await e2eDb().webhookEndpoint.updateMany({
        where: { url: receiver.url },
        data: { disabledAt: new Date() },
      });
      await receiver.close();
    },
  };
}

export type RequestedApproval = { id: string; detailsHash: string; status: string };

export async function requestApproval(
  request: APIRequestContext,
  key: string,
  customerId: string,
): Promise<RequestedApproval> {
  const response = await request.post("/api/v1/approvals", {
    headers: { Authorization: `Bearer ${key}` },
    data: {
      approvalId: `e2e-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
      customer: { id: customerId },
      shopOrderId: "B-2026-004711",
      expiresAt: new Date(Date.now() + 60 * 60 * 1000).toISOString(),
      ...APPROVAL_DETAILS,
    },
  });
  expect(response.status()).toBe(201);
  return (await response.json()) as RequestedApproval;
}

export async function approvalStatus(request: APIRequestContext, key: string, id: string): Promise<string> {
  const response = await request.get(`/api/v1/approvals/${id}`, {
    headers: { Authorization: `Bearer ${key}` },
  });
  return ((await response.json()) as { status: string }).status;
}

/** The canonical-JSON SHA-256 of decision 0010, as a tampering browser would compute it. */
export function hashOf(value: unknown): string {
  const canonical = (v: unknown): string =>
    Array.isArray(v)
      ? `[${v.map(canonical).join(",")}]`
      : v && typeof v === "object"
        ? `{${Object.keys(v)
            .sort()
            .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
            .join(",")}}`
        : JSON.stringify(v);
  return createHash("sha256").update(canonical(value), "utf8").digest("hex");
}
