/**
 * Account deletion (docs/decisions/0016): the request signs the customer out everywhere and mails a
 * confirmation; signing in during the grace period offers to cancel; after the grace period the
 * jobs runner (clock override) erases the personal data from every table, the audit entries stay
 * pseudonymised and the audit chain still verifies.
 */
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { promisify } from "node:util";
import type { Page } from "@playwright/test";
import { Prisma } from "../../lib/generated/prisma-sqlite/client";
import { hashToken } from "../../lib/server/crypto/token-hash";
import { verifyAuditChain } from "../../lib/server/audit/verify-audit-chain";
import { ensureLocalSecrets } from "../../lib/env/local-secrets";
import { expect, test } from "./fixtures";
import { waitForMail } from "./support/mailbox";
import { createCustomer, E2E_BASE_URL, E2E_DATABASE_URL, e2eDb, signInAs } from "./support/users";

const run = promisify(execFile);

/** `npm run jobs -- --now=<ISO>` against the E2E database and SMTP sink; returns what it printed. */
async function runJobs(now: Date): Promise<string> {
  const { stdout } = await run(
    "npx",
    ["tsx", "--conditions=react-server", "scripts/jobs.ts", `--now=${now.toISOString()}`],
    {
      env: {
        ...process.env,
        DATABASE_URL: E2E_DATABASE_URL,
        APP_URL: E2E_BASE_URL,
        SMTP_URL: `smtp://127.0.0.1:${process.env.E2E_SMTP_PORT ?? 3125}`,
        MAIL_FROM: "Kundenportal <konto@kundenportal.test>",
      },
      timeout: 60_000,
    },
  );
  return stdout;
}

async function requestDeletion(page: Page): Promise<void> {
  await page.goto("/account/privacy");
  const submit = page.getByRole("button", { name: "Konto löschen" });
  // Without the explicit confirmation nothing happens.
  await submit.click();
  await expect(page.getByText("Bitte bestätigen Sie, dass Sie Ihr Konto löschen möchten.")).toBeVisible();
  await page.getByLabel("Ich möchte mein Konto und meine Daten löschen.").check();
  await submit.click();
  await expect(page).toHaveURL("/login");
}

test("[CUSTOMER] requests deletion, is signed out everywhere, and cancels it by signing in", async ({
  page,
  context,
  browser,
}) => {
  const customer = await createCustomer();
  await signInAs(context, customer.id);
  const otherContext = await browser.newContext();
  await signInAs(otherContext, customer.id);
  const otherPage = await otherContext.newPage();
  await otherPage.goto("/account");
  await expect(otherPage).toHaveURL("/account");
  const since = new Date();

  await requestDeletion(page);

  const user = await e2eDb().user.findUniqueOrThrow({ where: { id: customer.id } });
  expect(user.status).toBe("PENDING_DELETION");
  const graceDays = (user.deletionScheduledFor!.getTime() - user.deletionRequestedAt!.getTime()) / 86_400_000;
  expect(graceDays).toBe(14);
  expect(await e2eDb().session.count({ where: { userId: customer.id, revokedAt: null } })).toBe(0);
  await otherPage.goto("/account");
  await expect(otherPage).toHaveURL("/login?callbackUrl=%2Faccount");
  await otherContext.close();
  await page.goto("/account");
  await expect(page).toHaveURL("/login?callbackUrl=%2Faccount");

  const mail = await waitForMail({ to: customer.email, since, subject: /Ihr Konto wird gelöscht/ });
  expect(mail.text).toContain("Was wir aufbewahren");
  expect(mail.text).toContain("Löschung am");

  // Signing in during the grace period lands on the offer to cancel.
  await page.goto("/login");
  await page.getByLabel("E-Mail-Adresse").fill(customer.email);
  await page.getByLabel("Passwort").fill(customer.password);
  await page.getByRole("button", { name: "Anmelden", exact: true }).click();
  await expect(page).toHaveURL("/account/privacy?deletion=pending");
  await expect(page.getByText("Ihr Konto wird gelöscht")).toBeVisible();
  await page.getByRole("button", { name: "Löschung abbrechen" }).click();
  await expect(page.getByText("Die Löschung wurde abgebrochen. Ihr Konto bleibt bestehen.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Löschung abbrechen" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Konto löschen" })).toBeVisible();

  expect(await e2eDb().user.findUniqueOrThrow({ where: { id: customer.id } })).toMatchObject({
    status: "ACTIVE",
    deletionScheduledFor: null,
  });
  const types = await e2eDb().auditEvent.findMany({
    where: { subjectUserId: customer.id, type: { startsWith: "privacy." } },
    orderBy: { sequence: "asc" },
    select: { type: true },
  });
  expect(types.map((e) => e.type)).toEqual(["privacy.deletion_requested", "privacy.deletion_cancelled"]);
});

type Delegate = { findMany: () => Promise<Record<string, unknown>[]> };

/** Rows of any model whose JSON mentions one of the needles (audit ids excepted: the pseudonym). */
async function rowsMentioning(needles: string[], userId: string): Promise<string[]> {
  const hits: string[] = [];
  for (const model of Object.values(Prisma.ModelName)) {
    const name = model.charAt(0).toLowerCase() + model.slice(1);
    const rows = await (e2eDb() as unknown as Record<string, Delegate>)[name]!.findMany();
    for (const row of rows) {
      let text = JSON.stringify(row, (_k, v: unknown) => (typeof v === "bigint" ? Number(v) : v));
      if (model === "AuditEvent") text = text.replaceAll(userId, "<pseudonym>");
      if ([...needles, userId].some((needle) => text.includes(needle)))
        hits.push(`${model}: ${text.slice(0, 160)}`);
    }
  }
  return hits;
}

test("[SYSTEM] erases the account after the grace period; audit entries stay pseudonymised and verify", async ({
  page,
  context,
}) => {
  const marker = `loesch${randomUUID().replace(/-/g, "").slice(0, 10)}`;
  const customer = await createCustomer({ displayName: `Anzeige ${marker}` });
  const db = e2eDb();
  await db.profile.create({ data: { userId: customer.id, firstName: marker, lastName: "Muster" } });
  await db.address.create({
    data: {
      userId: customer.id,
      recipientName: `Empf ${marker}`,
      street: `Gasse ${marker}`,
      postalCode: "50667",
      city: "Köln",
      country: "DE",
    },
  });
  await db.device.create({
    data: { userId: customer.id, cookieIdHash: hashToken(marker), name: `Gerät ${marker}` },
  });
  await db.signInAttempt.create({
    data: {
      userId: customer.id,
      emailNormalized: customer.email,
      method: "PASSWORD",
      result: "SUCCEEDED",
      ip: "198.51.100.77",
      userAgent: marker,
    },
  });
  await signInAs(context, customer.id);
  await requestDeletion(page);
  const scheduledFor = (await db.user.findUniqueOrThrow({ where: { id: customer.id } }))
    .deletionScheduledFor!;

  // Before the date nothing is erased.
  const early = await runJobs(new Date());
  expect(early).not.toContain(customer.id);
  expect(await db.user.count({ where: { id: customer.id } })).toBe(1);

  const since = new Date();
  const output = await runJobs(new Date(scheduledFor.getTime() + 60_000));
  expect(output).toContain(`erased ${customer.id}`);

  expect(await db.user.count({ where: { id: customer.id } })).toBe(0);
  expect(await rowsMentioning([marker, customer.email], customer.id)).toEqual([]);

  const events = await db.auditEvent.findMany({
    where: { subjectUserId: customer.id },
    orderBy: { sequence: "asc" },
  });
  expect(events.map((e) => e.type)).toEqual(
    expect.arrayContaining(["privacy.deletion_requested", "privacy.account_erased"]),
  );
  for (const event of events) {
    expect(event).toMatchObject({ ip: null, userAgent: null });
    if (event.type !== "privacy.account_erased")
      expect(event).toMatchObject({ metadata: null, redactedAt: expect.any(Date) });
  }
  // The jobs signed a checkpoint with the server's AUTH_SECRET (the local secrets file here).
  const secret = process.env.AUTH_SECRET ?? ensureLocalSecrets(["AUTH_SECRET"]).secrets.AUTH_SECRET;
  expect(await verifyAuditChain({ tx: db, secret })).toMatchObject({ ok: true });

  const mail = await waitForMail({ to: customer.email, since, subject: /Ihr Konto wurde gelöscht/ });
  expect(mail.text).toContain("Was wir aufbewahren");
});
