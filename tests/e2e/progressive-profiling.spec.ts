/**
 * Progressive profiling (docs/decisions/0017) driven as a customer would: one question at a time with
 * its purpose stated, answer / skip / "not now", the skip back-off (moved into the past in the
 * database instead of waiting), the birthday question gone the moment its consent is withdrawn,
 * and the overview's completeness following the answers.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { createCustomer, e2eDb, signInAs } from "./support/users";

const NAME_QUESTION = "Helfen Sie uns, Sie richtig anzusprechen";
const BIRTHDAY_QUESTION = "Helfen Sie uns, Ihren Geburtstag nicht zu verpassen";
const PHONE_QUESTION = "Helfen Sie uns, Sie über Ihre Lieferungen zu informieren";
const DAY = 86_400_000;

/** A customer who has signed in once before (the name question's trigger). */
async function returningCustomer(opts: { named?: boolean } = {}) {
  const customer = await createCustomer(opts.named ? { displayName: "Erika Mustermann" } : {});
  await e2eDb().user.update({ where: { id: customer.id }, data: { signInCount: 1 } });
  if (opts.named)
    await e2eDb().profile.create({
      data: { userId: customer.id, firstName: "Erika", lastName: "Mustermann" },
    });
  return customer;
}

async function setBirthdayConsent(page: Page, decision: "Zustimmen" | "Widerrufen") {
  await page.goto("/account/privacy");
  const purpose = page.getByRole("region", { name: "Geburtstagsangebote", exact: true });
  await purpose.getByRole("button", { name: decision }).click();
  await expect(
    purpose.getByText(decision === "Zustimmen" ? "Status: Erteilt" : "Status: Widerrufen"),
  ).toBeVisible();
}

/** Every profiling question is a region named by its "Helfen Sie uns …" heading. */
const questions = (page: Page) => page.getByRole("region", { name: /^Helfen Sie uns/ });

const promptOf = (userId: string, attributeKey: string) =>
  e2eDb().profilingPrompt.findUniqueOrThrow({ where: { userId_attributeKey: { userId, attributeKey } } });

test("[CUSTOMER] is asked one attribute at a time, answers, skips, and the skipped question returns only after the back-off", async ({
  page,
  context,
}) => {
  const customer = await returningCustomer();
  await signInAs(context, customer.id);
  await setBirthdayConsent(page, "Zustimmen");

  // Name and birthday are both due; only the name (priority 1) is asked, with its purpose.
  await page.goto("/account");
  await expect(page.getByText("Ihr Profil ist zu 0 % vollständig.")).toBeVisible();
  await expect(questions(page)).toHaveCount(1);
  const nameCard = page.getByRole("region", { name: NAME_QUESTION });
  await expect(
    nameCard.getByText(
      "Damit wir Sie mit Ihrem Namen ansprechen und Ihre Bestellungen Ihnen zuordnen können.",
    ),
  ).toBeVisible();
  await expect(page.getByLabel("Geburtsdatum")).toHaveCount(0);
  // The question is optional: no field says "Pflichtfeld", and both ways out are explained up front.
  await expect(nameCard.getByText("Pflichtfeld")).toHaveCount(0);
  await expect(nameCard.getByText(/„Überspringen“: Wir fragen frühestens in \d+ Tagen wieder/)).toBeVisible();

  // An empty answer is refused on the field, in German.
  await nameCard.getByLabel("Vorname").fill("Erika");
  await nameCard.getByRole("button", { name: "Speichern" }).click();
  await expect(nameCard.getByText("Bitte geben Sie Ihren Nachnamen ein.")).toBeVisible();
  await expect(nameCard.getByLabel("Nachname")).toHaveAttribute("aria-invalid", "true");
  await nameCard.getByLabel("Nachname").fill("Mustermann");
  await nameCard.getByRole("button", { name: "Speichern" }).click();

  // Saved: a confirmation instead of the next question; greeting and completeness follow at once.
  await expect(
    page.getByRole("status").filter({ hasText: "Danke! Ihre Angabe ist gespeichert." }),
  ).toBeVisible();
  await expect(page.getByText("Ihr Profil ist zu 25 % vollständig.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Hallo Erika Mustermann!" })).toBeVisible();
  await expect(questions(page)).toHaveCount(0);
  const answered = await e2eDb().auditEvent.findFirstOrThrow({
    where: { subjectUserId: customer.id, type: "profile.updated" },
  });
  expect(answered.metadata).toMatchObject({ source: "PROFILING_PROMPT", attributeKey: "name" });

  // The next visit asks the next attribute: the birthday, for the consented purpose.
  await page.reload();
  await expect(questions(page)).toHaveCount(1);
  const birthdayCard = page.getByRole("region", { name: BIRTHDAY_QUESTION });
  await expect(
    birthdayCard.getByText(
      "Damit wir Ihnen zum Geburtstag ein Angebot schicken können (Ihre Einwilligung: Geburtstagsangebote).",
    ),
  ).toBeVisible();
  await birthdayCard.getByRole("button", { name: "Überspringen" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "In Ordnung. Wir fragen frühestens in 30 Tagen wieder." }),
  ).toBeVisible();
  const skipped = await promptOf(customer.id, "dateOfBirth");
  expect(skipped).toMatchObject({ lastOutcome: "SKIPPED", skipCount: 1, answeredAt: null });
  const backOff = (skipped.snoozedUntil?.getTime() ?? 0) - Date.now();
  expect(backOff).toBeGreaterThan(29 * DAY);
  expect(backOff).toBeLessThanOrEqual(30 * DAY);
  expect(
    await e2eDb().auditEvent.count({ where: { subjectUserId: customer.id, type: "profiling.skipped" } }),
  ).toBe(1);

  // Within the back-off it stays away.
  await page.reload();
  await expect(page.getByRole("heading", { level: 2, name: "Ihr Profil" })).toBeVisible();
  await expect(questions(page)).toHaveCount(0);

  // 30 days later (the back-off moved into the past) it is asked again, and answered.
  await e2eDb().profilingPrompt.update({
    where: { id: skipped.id },
    data: { snoozedUntil: new Date(Date.now() - 1000) },
  });
  await page.reload();
  await expect(page.getByRole("region", { name: BIRTHDAY_QUESTION })).toBeVisible();
  await page.getByRole("region", { name: BIRTHDAY_QUESTION }).getByLabel("Geburtsdatum").fill("1990-05-17");
  await page
    .getByRole("region", { name: BIRTHDAY_QUESTION })
    .getByRole("button", { name: "Speichern" })
    .click();
  await expect(
    page.getByRole("status").filter({ hasText: "Danke! Ihre Angabe ist gespeichert." }),
  ).toBeVisible();
  await expect(page.getByText("Ihr Profil ist zu 50 % vollständig.")).toBeVisible();
  expect((await e2eDb().profile.findUniqueOrThrow({ where: { userId: customer.id } })).dateOfBirth).toBe(
    "1990-05-17",
  );
  await page.reload();
  await expect(questions(page)).toHaveCount(0);
});

test("[CUSTOMER] is never asked for the birthday once the birthday-offer consent is withdrawn", async ({
  page,
  context,
}) => {
  const customer = await returningCustomer({ named: true });
  await signInAs(context, customer.id);

  // Without the consent there is nothing to ask on the overview.
  await page.goto("/account");
  await expect(page.getByText("Ihr Profil ist zu 25 % vollständig.")).toBeVisible();
  await expect(questions(page)).toHaveCount(0);

  await setBirthdayConsent(page, "Zustimmen");
  await page.goto("/account");
  await expect(page.getByRole("region", { name: BIRTHDAY_QUESTION })).toBeVisible();

  // Withdrawn: the question is gone on the very next page view, and stays gone.
  await setBirthdayConsent(page, "Widerrufen");
  await page.goto("/account");
  await expect(page.getByText("Ihr Profil ist zu 25 % vollständig.")).toBeVisible();
  await expect(questions(page)).toHaveCount(0);
  await expect(page.getByLabel("Geburtsdatum")).toHaveCount(0);
  expect(await e2eDb().profilingPrompt.count({ where: { userId: customer.id } })).toBe(0);
});

test("[CUSTOMER] is asked for a phone number on opening the address book and says 'not now'", async ({
  page,
  context,
}) => {
  const customer = await returningCustomer({ named: true });
  await signInAs(context, customer.id);

  // The overview does not ask for the phone; the address book does.
  await page.goto("/account");
  await expect(page.getByText("Ihr Profil ist zu 25 % vollständig.")).toBeVisible();
  await expect(questions(page)).toHaveCount(0);
  await page.goto("/account/addresses");
  const phoneCard = page.getByRole("region", { name: PHONE_QUESTION });
  await expect(
    phoneCard.getByText("Damit wir Sie bei Rückfragen zu einer Lieferung erreichen können."),
  ).toBeVisible();
  await phoneCard.getByRole("button", { name: "Nicht jetzt" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "In Ordnung. Wir fragen in 7 Tagen noch einmal." }),
  ).toBeVisible();
  const snoozed = await promptOf(customer.id, "phone");
  expect(snoozed).toMatchObject({ lastOutcome: "SNOOZED", skipCount: 0 });
  const backOff = (snoozed.snoozedUntil?.getTime() ?? 0) - Date.now();
  expect(backOff).toBeGreaterThan(6 * DAY);
  expect(backOff).toBeLessThanOrEqual(7 * DAY);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Adressen" })).toBeVisible();
  await expect(questions(page)).toHaveCount(0);

  // A week later it is back and answered; the completeness on the overview follows.
  await e2eDb().profilingPrompt.update({
    where: { id: snoozed.id },
    data: { snoozedUntil: new Date(Date.now() - 1000) },
  });
  await page.reload();
  await page.getByRole("region", { name: PHONE_QUESTION }).getByLabel("Telefonnummer").fill("0151 23456789");
  await page.getByRole("region", { name: PHONE_QUESTION }).getByRole("button", { name: "Speichern" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "Danke! Ihre Angabe ist gespeichert." }),
  ).toBeVisible();
  expect((await e2eDb().profile.findUniqueOrThrow({ where: { userId: customer.id } })).phoneE164).toBe(
    "+4915123456789",
  );
  await page.goto("/account");
  await expect(page.getByText("Ihr Profil ist zu 50 % vollständig.")).toBeVisible();
});

test("[CUSTOMER] is asked for the name once on the overview: the card asks, the next step suggests what follows", async ({
  page,
  context,
}) => {
  const customer = await returningCustomer();
  await signInAs(context, customer.id);

  await page.goto("/account");
  await expect(page.getByRole("region", { name: NAME_QUESTION })).toBeVisible();
  await expect(page.getByLabel("Vorname")).toHaveCount(1);
  await expect(page.getByRole("link", { name: "Namen eintragen" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Geburtsdatum eintragen" })).toBeVisible();
});

test("[CUSTOMER] passes over the phone question to save an address: it stays away after that save and the next", async ({
  page,
  context,
}) => {
  const customer = await returningCustomer({ named: true });
  await signInAs(context, customer.id);
  await page.goto("/account/addresses");
  await expect(page.getByRole("region", { name: PHONE_QUESTION })).toBeVisible();

  for (const label of ["Zuhause", "Büro"]) {
    await page.getByRole("link", { name: "Adresse hinzufügen" }).first().click();
    await page.getByLabel("Bezeichnung").fill(label);
    await page.getByLabel("Name des Empfängers").fill("Erika Mustermann");
    await page.getByRole("textbox", { name: /^Straße/ }).fill("Heidestraße");
    await page.getByRole("textbox", { name: /^Hausnummer/ }).fill("17");
    await page.getByLabel("Postleitzahl").fill("51147");
    await page.getByRole("textbox", { name: /^Ort/ }).fill("Köln");
    await page.getByRole("button", { name: "Adresse speichern" }).click();
    await expect(page.getByRole("article", { name: label })).toBeVisible();
    await expect(questions(page)).toHaveCount(0);
  }
  await page.reload();
  await expect(page.getByRole("article", { name: "Büro" })).toBeVisible();
  await expect(questions(page)).toHaveCount(0);

  // Treated as "Nicht jetzt" (a week, as the card says up front), but not recorded as the
  // customer's choice: no outcome, no profiling.skipped event.
  const prompt = await promptOf(customer.id, "phone");
  expect(prompt).toMatchObject({ lastOutcome: null, answeredAt: null });
  const backOff = (prompt.snoozedUntil?.getTime() ?? 0) - Date.now();
  expect(backOff).toBeGreaterThan(6 * DAY);
  expect(backOff).toBeLessThanOrEqual(7 * DAY);
  expect(
    await e2eDb().auditEvent.count({ where: { subjectUserId: customer.id, type: "profiling.skipped" } }),
  ).toBe(0);
});

test("[ATTACKER] a delete form pointed at another customer's address changes nothing, and backs off no question", async ({
  page,
  context,
}) => {
  const place = {
    recipientName: "Erika",
    street: "Seeweg",
    houseNumber: "2",
    postalCode: "10115",
    city: "Berlin",
    country: "DE",
  };
  const victim = await returningCustomer({ named: true });
  const theirs = await e2eDb().address.create({ data: { userId: victim.id, label: "Fremd", ...place } });
  const attacker = await returningCustomer({ named: true });
  await e2eDb().address.create({ data: { userId: attacker.id, label: "Eigene", ...place } });
  await signInAs(context, attacker.id);

  await page.goto("/account/addresses");
  await page
    .getByRole("article", { name: "Eigene" })
    .getByRole("button", { name: /Löschen/ })
    .click();
  const dialog = page.getByRole("dialog", { name: "Adresse löschen?" });
  await dialog.locator('input[name="addressId"]').evaluate((input, id) => {
    (input as HTMLInputElement).value = id;
  }, theirs.id);
  await dialog.getByRole("button", { name: "Ja, löschen" }).click();

  await expect(page.getByRole("article", { name: "Eigene" })).toBeVisible();
  expect(await e2eDb().address.count({ where: { id: theirs.id } })).toBe(1);
  // Nothing was saved, so nothing was passed over: the attacker's own question stays on offer.
  await expect(page.getByRole("region", { name: PHONE_QUESTION })).toBeVisible();
  expect(await e2eDb().profilingPrompt.count({ where: { userId: { in: [victim.id, attacker.id] } } })).toBe(
    0,
  );
});
