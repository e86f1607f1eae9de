/**
 * Shop approvals (docs/decisions/0063, issue 14 Done-when 3): the shop asks through the real API,
 * the customer follows the mailed link, sees exactly the bound amount, items and address and
 * approves with a passkey (Chromium's virtual authenticator); the shop's receiver gets
 * approval.decided signed (Standard Webhooks) with the details and their hash. A browser that
 * sends the hash of another amount, or replays an assertion, is refused and audited; another
 * customer's approval is not found; a stale one is expired.
 */
import type { Page } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { expect, test } from "./fixtures";
import { approvalStatus, APPROVAL_DETAILS, hashOf, requestApproval, startShop } from "./support/approvals";
import { createTestApiKey } from "./support/marketing";
import { extractLink, waitForMail } from "./support/mailbox";
import { createCustomer, e2eDb, signInAs } from "./support/users";
import { customerWithPasskey, runCeremony } from "./support/webauthn";

const TOTAL = /^1\.249,00\s€$/;
const REJECTED = "Die Bestätigung wurde abgelehnt und nichts ausgeführt";
const CONFIRM = "Mit Passkey bestätigen";

async function expectBoundDetails(page: Page): Promise<void> {
  await expect(page.getByRole("heading", { level: 1, name: "Freigabe einer Bestellung" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Bestellung B-2026-004711" })).toBeVisible();
  await expect(page.getByText(TOTAL)).toBeVisible();
  await expect(page.getByText("3 × Bürostuhl ErgoPlus zu je 299,00 €")).toBeVisible();
  await expect(page.getByText("Hafenstraße 12")).toBeVisible();
  await expect(page.getByText(/Der Bestellwert liegt über der Freigabegrenze/)).toBeVisible();
}

/** Rewrites the confirming server action's arguments on their way out of the browser. */
async function tamperConfirmations(
  page: Page,
  path: string,
  change: (args: Record<string, unknown>) => void,
) {
  await page.unrouteAll();
  await page.route(`**${path}`, async (route) => {
    const body = route.request().postData();
    if (route.request().method() !== "POST" || !body?.includes('"shownHash"')) return route.continue();
    const args = JSON.parse(body) as Record<string, unknown>[];
    change(args[0]!);
    await route.continue({ postData: JSON.stringify(args) });
  });
}

test("[CUSTOMER] approves a shop's request with a passkey; the shop gets approval.decided signed, with the bound details", async ({
  page,
  context,
  browser,
  axeAudits,
}) => {
  const shop = await startShop(browser);
  try {
    const user = await customerWithPasskey(page, context, axeAudits);
    const since = new Date();
    const approval = await requestApproval(page.request, shop.key, user.id);
    expect(approval.status).toBe("pending");

    const mail = await waitForMail({
      to: user.email,
      since,
      subject: /Bitte geben Sie Ihre Bestellung frei/,
    });
    expect(mail.text).not.toContain("1.249");
    await page.goto(extractLink(mail, `/account/approvals/${approval.id}`));
    await expectBoundDetails(page);
    await runCeremony(
      page,
      axeAudits,
      () => page.getByRole("button", { name: CONFIRM }).click(),
      page.getByRole("status").filter({ hasText: "Bestellung freigegeben" }),
    );

    const mine = () =>
      shop.receiver.received.filter(
        (r) => (JSON.parse(r.body) as { data: { id: string } }).data.id === approval.id,
      );
    await expect.poll(() => mine().length, { timeout: 15_000 }).toBe(1);
    const hook = mine()[0]!;
    const event = new Webhook(shop.secret).verify(hook.body, hook.headers as Record<string, string>) as {
      type: string;
      data: { details: unknown; detailsHash: string };
    };
    expect(event).toMatchObject({
      type: "approval.decided",
      data: {
        id: approval.id,
        customerId: user.id,
        shopOrderId: "B-2026-004711",
        decision: "approved",
        detailsHash: approval.detailsHash,
        details: {
          approvalId: approval.id,
          amountMinor: 124_900,
          currency: "EUR",
          deliveryAddress: APPROVAL_DETAILS.deliveryAddress,
          lines: APPROVAL_DETAILS.lines,
        },
      },
    });
    // The shop can check the hash itself: it is the hash of exactly the details it received.
    expect(hashOf(event.data.details)).toBe(event.data.detailsHash);
    expect(() =>
      new Webhook(shop.secret).verify(
        hook.body.replace("124900", "1249"),
        hook.headers as Record<string, string>,
      ),
    ).toThrow();
    expect(await approvalStatus(page.request, shop.key, approval.id)).toBe("approved");

    const confirmed = await e2eDb().auditEvent.findFirstOrThrow({
      where: { type: "transaction.confirmed", subjectUserId: user.id },
      orderBy: { sequence: "desc" },
    });
    expect(confirmed.metadata).toMatchObject({
      kind: "shop_approval.approve",
      detailsHash: approval.detailsHash,
    });
    await page.reload();
    await expect(page.getByText("Sie haben diese Bestellung freigegeben.")).toBeVisible();
    await expect(page.getByRole("button", { name: CONFIRM })).toHaveCount(0);
  } finally {
    await shop.stop();
  }
});

test("[ATTACKER] a browser sending the hash of another amount, or a replayed assertion, is refused and audited", async ({
  page,
  context,
  axeAudits,
}) => {
  const key = await createTestApiKey(["orders:write"]);
  const user = await customerWithPasskey(page, context, axeAudits);
  const approval = await requestApproval(page.request, key, user.id);
  const path = `/account/approvals/${approval.id}`;
  const stored = await e2eDb().shopApproval.findUniqueOrThrow({ where: { id: approval.id } });
  const cheaper = hashOf({ ...(stored.details as Record<string, unknown>), amountMinor: 1_249 });
  await page.goto(path);
  await expectBoundDetails(page);

  let signed: unknown;
  await tamperConfirmations(page, path, (args) => {
    signed = args.response;
    args.shownHash = cheaper;
  });
  await runCeremony(
    page,
    axeAudits,
    () => page.getByRole("button", { name: CONFIRM }).click(),
    page.getByRole("alert").filter({ hasText: REJECTED }),
  );
  const first = await e2eDb().transactionConfirmation.findFirstOrThrow({
    where: { userId: user.id, kind: "shop_approval.approve" },
    orderBy: { createdAt: "desc" },
  });
  expect(first).toMatchObject({ status: "REJECTED", executedAt: null });
  expect(
    (
      await e2eDb().auditEvent.findFirstOrThrow({
        where: { type: "transaction.rejected", targetId: first.id },
      })
    ).metadata,
  ).toMatchObject({ kind: "shop_approval.approve", reason: "shown_details_differ" });

  // A new confirmation, answered with the assertion signed for the first one.
  expect(signed).toBeDefined();
  await tamperConfirmations(page, path, (args) => {
    args.response = signed;
  });
  await page.getByRole("button", { name: "Neue Freigabe anfordern" }).click();
  await runCeremony(
    page,
    axeAudits,
    () => page.getByRole("button", { name: CONFIRM }).click(),
    page.getByRole("alert").filter({ hasText: REJECTED }),
  );
  const second = await e2eDb().transactionConfirmation.findFirstOrThrow({
    where: { userId: user.id, kind: "shop_approval.approve" },
    orderBy: { createdAt: "desc" },
  });
  expect(second.id).not.toBe(first.id);
  expect(second).toMatchObject({ status: "REJECTED", executedAt: null });
  expect(
    (
      await e2eDb().auditEvent.findFirstOrThrow({
        where: { type: "transaction.rejected", targetId: second.id },
      })
    ).metadata,
  ).toMatchObject({ kind: "shop_approval.approve", reason: "challenge_mismatch" });

  expect((await e2eDb().shopApproval.findUniqueOrThrow({ where: { id: approval.id } })).status).toBe(
    "PENDING",
  );
  expect(await approvalStatus(page.request, key, approval.id)).toBe("pending");
});

test("[ATTACKER] another customer's approval is not found; a stale approval is expired and cannot be approved", async ({
  page,
  context,
  axeAudits,
}) => {
  const key = await createTestApiKey(["orders:write"]);
  const owner = await createCustomer();
  const approval = await requestApproval(page.request, key, owner.id);
  const attacker = await createCustomer();
  await signInAs(context, attacker.id);
  axeAudits.allowConsoleError(/status of 404/);
  const response = await page.goto(`/account/approvals/${approval.id}`);
  expect(response!.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Seite nicht gefunden" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  // The not-found page is audited before the test opens the next page at the same address.
  await axeAudits.check();
  await expect(page.getByText(TOTAL)).toHaveCount(0);
  expect(await e2eDb().transactionConfirmation.count({ where: { userId: attacker.id } })).toBe(0);

  await e2eDb().shopApproval.update({
    where: { id: approval.id },
    data: { expiresAt: new Date(Date.now() - 1000) },
  });
  await context.clearCookies();
  await signInAs(context, owner.id);
  await page.goto(`/account/approvals/${approval.id}`);
  await expect(
    page.getByText("Die Zeit für diese Freigabe ist abgelaufen. Der Shop wurde informiert."),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: CONFIRM })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Bestellung ablehnen" })).toHaveCount(0);
  expect(await approvalStatus(page.request, key, approval.id)).toBe("expired");
  expect(
    await e2eDb().auditEvent.count({ where: { type: "shop_approval.expired", targetId: approval.id } }),
  ).toBe(1);
});

test("[CUSTOMER] declines a shop's request; the shop reads it as declined", async ({ page, context }) => {
  const key = await createTestApiKey(["orders:write"]);
  const user = await createCustomer();
  await signInAs(context, user.id);
  const approval = await requestApproval(page.request, key, user.id);
  await page.goto(`/account/approvals/${approval.id}`);
  await expectBoundDetails(page);
  await page.getByRole("button", { name: "Bestellung ablehnen" }).click();
  await expect(
    page.getByText("Sie haben diese Bestellung abgelehnt. Der Shop wurde informiert."),
  ).toBeVisible();
  expect(await approvalStatus(page.request, key, approval.id)).toBe("declined");
});
