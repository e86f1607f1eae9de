import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { extractLink, waitForMail } from "./support/mailbox";
import { createCustomer, e2eDb, signInAs } from "./support/users";

// The browser that opens the mail: another IP than the portal session, no cookies.
const MAIL_READER_IP = "203.0.113.58";

const subscriptions = (userId: string) =>
  e2eDb().topicSubscription.findMany({ where: { userId }, orderBy: { topicKey: "asc" } });

/** Chooses two topics in the portal, then confirms from the real mail in a browser without a session. */
async function subscribeAndConfirm(page: Page, browser: Browser) {
  const customer = await createCustomer();
  await signInAs(page.context(), customer.id);
  const since = new Date();
  await page.goto("/account/communication");
  await expect(page.getByRole("heading", { level: 1, name: "Kommunikation" })).toBeVisible();
  const topics = page.getByRole("group", { name: "Newsletter-Themen per E-Mail" });
  await topics.getByLabel("Angebote und Aktionen").check();
  await topics.getByLabel("Reisetipps").check();
  await page.getByRole("button", { name: "Einstellungen speichern" }).click();
  // Saved, and the confirmation asked for once: by the box with "send again", not also by the
  // form and by every topic (issue 15 item 7).
  await expect(
    page
      .getByRole("region", { name: "Benachrichtigungen" })
      .getByText("Ihre Einstellungen sind gespeichert."),
  ).toBeVisible();
  await expect(page.getByText("Bitte bestätigen Sie Ihre Newsletter-Anmeldung")).toBeVisible();

  // Not active before the link: pending in the database and on the page.
  expect((await subscriptions(customer.id)).map((s) => [s.topicKey, s.status])).toEqual([
    ["offers", "PENDING_CONFIRMATION"],
    ["travel_tips", "PENDING_CONFIRMATION"],
  ]);
  await page.reload();
  await expect(page.getByText("Bitte bestätigen Sie Ihre Newsletter-Anmeldung")).toBeVisible();
  await expect(topics.getByLabel("Reisetipps")).toBeChecked();
  await expect(topics.getByText("Bestätigung ausstehend")).toHaveCount(2);

  const mail = await waitForMail({ to: customer.email, since, subject: /Newsletter-Anmeldung/ });
  expect(mail.text).toContain("Angebote und Aktionen, Reisetipps");
  expect(mail.text).toContain("Ich möchte Angebote und Neuigkeiten per E-Mail erhalten."); // the consent text
  const reader = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": MAIL_READER_IP } });
  const readerPage = await reader.newPage();
  await readerPage.goto(extractLink(mail, "/newsletter/confirm"));
  await expect(
    readerPage.getByRole("heading", { level: 1, name: "Newsletter-Anmeldung bestätigen" }),
  ).toBeVisible();
  await expect(readerPage.getByRole("main").getByRole("listitem")).toHaveText([
    "Angebote und Aktionen",
    "Reisetipps",
  ]);
  // Opening the link (what a mail scanner does) is not the confirmation.
  expect((await subscriptions(customer.id)).every((s) => s.status === "PENDING_CONFIRMATION")).toBe(true);

  await readerPage.getByRole("button", { name: "Anmeldung bestätigen" }).click();
  await expect(readerPage.getByText("Anmeldung bestätigt")).toBeVisible();
  const active = await subscriptions(customer.id);
  for (const s of active) {
    expect(s).toMatchObject({ status: "ACTIVE", confirmIp: MAIL_READER_IP, confirmedEmail: customer.email });
    expect(s.confirmedAt).not.toBeNull();
    expect(s.textVersion).toBe("marketing_email v1 (de)");
    expect(s.consentRecordId).not.toBeNull();
  }
  const consent = await e2eDb().consentState.findFirstOrThrow({
    where: { userId: customer.id, purpose: { key: "marketing_email" } },
    include: { lastRecord: true },
  });
  expect(consent.lastRecord).toMatchObject({
    action: "GRANTED",
    source: "DOUBLE_OPT_IN",
    ip: MAIL_READER_IP,
  });

  await page.reload();
  await expect(topics.getByText(/^Abonniert seit/)).toHaveCount(2);
  await expect(page.getByText("Bitte bestätigen Sie Ihre Newsletter-Anmeldung")).toHaveCount(0);

  const welcome = await waitForMail({ to: customer.email, since, subject: /Willkommen beim Newsletter/ });
  await reader.close();
  return { customer, unsubscribeLink: extractLink(welcome, "/newsletter/unsubscribe") };
}

test("[CUSTOMER] subscribes to the newsletter by double opt-in and unsubscribes from the mail without signing in", async ({
  page,
  browser,
}) => {
  const { customer, unsubscribeLink } = await subscribeAndConfirm(page, browser);

  const stranger = await browser.newContext();
  const strangerPage = await stranger.newPage();
  await strangerPage.goto(unsubscribeLink);
  await expect(strangerPage).toHaveURL(/\/newsletter\/unsubscribe\/confirm\?token=/);
  await expect(strangerPage.getByRole("heading", { level: 1, name: "Newsletter abbestellen" })).toBeVisible();
  // Showing the page changed nothing; the one button does.
  expect((await subscriptions(customer.id)).every((s) => s.status === "ACTIVE")).toBe(true);
  await strangerPage.getByRole("button", { name: "Newsletter abbestellen" }).click();
  await expect(strangerPage.getByText("Sie haben den Newsletter abbestellt")).toBeVisible();
  expect((await subscriptions(customer.id)).map((s) => [s.status, s.unsubscribeSource])).toEqual([
    ["UNSUBSCRIBED", "EMAIL_LINK"],
    ["UNSUBSCRIBED", "EMAIL_LINK"],
  ]);
  const consent = await e2eDb().consentState.findFirstOrThrow({
    where: { userId: customer.id, purpose: { key: "marketing_email" } },
    include: { lastRecord: true },
  });
  expect(consent.lastRecord).toMatchObject({ action: "WITHDRAWN", source: "UNSUBSCRIBE_LINK" });
  await stranger.close();

  await page.reload();
  await expect(
    page.getByRole("group", { name: "Newsletter-Themen per E-Mail" }).getByLabel("Reisetipps"),
  ).not.toBeChecked();
});

test("[CUSTOMER] a mail client's one-click unsubscribe (RFC 8058 POST) works without a session", async ({
  page,
  browser,
  playwright,
}) => {
  const { customer, unsubscribeLink } = await subscribeAndConfirm(page, browser);
  const mailClient = await playwright.request.newContext(); // no cookies
  try {
    // A scanner's GET only forwards to the page with the button.
    const scanned = await mailClient.get(unsubscribeLink, { maxRedirects: 0 });
    expect(scanned.status()).toBe(303);
    expect((await subscriptions(customer.id)).every((s) => s.status === "ACTIVE")).toBe(true);

    // Without the RFC 8058 body, or with a forged token, nothing happens.
    expect((await mailClient.post(unsubscribeLink, { form: { other: "x" } })).status()).toBe(400);
    const forged = unsubscribeLink.replace(/token=u1\.[^.]+\./, "token=u1.cmforgedid0000000000000.");
    expect((await mailClient.post(forged, { form: { "List-Unsubscribe": "One-Click" } })).status()).toBe(404);
    expect((await subscriptions(customer.id)).every((s) => s.status === "ACTIVE")).toBe(true);

    const response = await mailClient.post(unsubscribeLink, { form: { "List-Unsubscribe": "One-Click" } });
    expect(response.status()).toBe(200);
    expect((await subscriptions(customer.id)).map((s) => [s.status, s.unsubscribeSource])).toEqual([
      ["UNSUBSCRIBED", "EMAIL_LINK"],
      ["UNSUBSCRIBED", "EMAIL_LINK"],
    ]);
    const event = await e2eDb().auditEvent.findFirstOrThrow({
      where: { subjectUserId: customer.id, type: "newsletter.unsubscribed" },
    });
    expect(event.metadata).toMatchObject({ oneClick: true, source: "EMAIL_LINK" });
  } finally {
    await mailClient.dispose();
  }
});
