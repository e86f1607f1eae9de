import { expect, test } from "./fixtures";
import { createCustomer, e2eDb, signInAs } from "./support/users";

test("[CUSTOMER] edits the profile; the header greets by name and the audit log masks date of birth and phone", async ({
  page,
  context,
}) => {
  const customer = await createCustomer();
  await signInAs(context, customer.id);
  await page.goto("/account/profile");
  await expect(page.getByRole("heading", { level: 1, name: "Persönliche Daten" })).toBeVisible();

  await page.getByLabel("Vorname").fill("Erika");
  await page.getByLabel("Nachname").fill("Mustermann");
  await page.getByLabel("Geburtsdatum").fill("1990-05-17");
  await page.getByLabel("Telefonnummer").fill("0151 2345");
  await page.getByRole("button", { name: "Änderungen speichern" }).click();
  // Refused on the field, in German, with everything typed still there.
  await expect(page.getByText("Bitte geben Sie eine gültige Telefonnummer ein")).toBeVisible();
  await expect(page.getByLabel("Telefonnummer")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Vorname")).toHaveValue("Erika");
  await expect(page.getByLabel("Geburtsdatum")).toHaveValue("1990-05-17");

  await page.getByLabel("Telefonnummer").fill("0151 23456789");
  await page.getByRole("button", { name: "Änderungen speichern" }).click();
  await expect(page.getByText("Ihre Angaben sind gespeichert.")).toBeVisible();
  await expect(page.getByLabel("Telefonnummer")).toHaveValue("+49 1512 3456789");

  const profile = await e2eDb().profile.findUniqueOrThrow({ where: { userId: customer.id } });
  expect(profile).toMatchObject({
    firstName: "Erika",
    lastName: "Mustermann",
    dateOfBirth: "1990-05-17",
    phoneE164: "+4915123456789",
  });
  const event = await e2eDb().auditEvent.findFirstOrThrow({
    where: { subjectUserId: customer.id, type: "profile.updated" },
  });
  expect(event.metadata).toMatchObject({
    changes: {
      firstName: { before: null, after: "Erika" },
      dateOfBirth: { before: null, after: "[redacted]" },
      phoneE164: { before: null, after: "+49 •••• 89" },
    },
  });
  expect(JSON.stringify(event.metadata)).not.toContain("1990");

  await page.goto("/account");
  await expect(page.getByRole("heading", { level: 1, name: "Hallo Erika Mustermann!" })).toBeVisible();

  // The preferred language switches the portal too.
  await page.goto("/account/profile");
  await page.getByLabel("Bevorzugte Sprache").selectOption("en");
  await page.getByRole("button", { name: "Änderungen speichern" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Personal data" })).toBeVisible();
  await expect(page.getByText("Your details have been saved.")).toBeVisible();
  expect((await e2eDb().user.findUniqueOrThrow({ where: { id: customer.id } })).locale).toBe("en");
});

test("[CUSTOMER] adds a street address and a Packstation address, sets defaults, edits one, deletes one", async ({
  page,
  context,
}) => {
  const customer = await createCustomer();
  await signInAs(context, customer.id);
  await page.goto("/account/addresses");
  await expect(page.getByRole("heading", { name: "Noch keine Adressen gespeichert" })).toBeVisible();
  await page.getByRole("link", { name: "Adresse hinzufügen" }).click();
  await expect(page).toHaveURL("/account/addresses/new");

  // A street address; a German postcode with 4 digits is refused on the field, nothing else lost.
  await expect(page.getByRole("radio", { name: "Straße und Hausnummer" })).toBeChecked();
  await page.getByLabel("Bezeichnung").fill("Zuhause");
  await page.getByLabel("Name des Empfängers").fill("Erika Mustermann");
  await page.getByRole("textbox", { name: /^Straße/ }).fill("Heidestraße");
  await page.getByRole("textbox", { name: /^Hausnummer/ }).fill("17");
  await page.getByLabel("Postleitzahl").fill("5114");
  await page.getByRole("textbox", { name: /^Ort/ }).fill("Köln");
  await page.getByRole("button", { name: "Adresse speichern" }).click();
  await expect(page.getByText("Eine deutsche Postleitzahl hat 5 Ziffern, zum Beispiel 10115.")).toBeVisible();
  await expect(page.getByLabel("Postleitzahl")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Postleitzahl")).toHaveValue("5114");
  await expect(page.getByLabel("Bezeichnung")).toHaveValue("Zuhause");
  await expect(page.getByLabel("Name des Empfängers")).toHaveValue("Erika Mustermann");
  await expect(page.getByRole("textbox", { name: /^Straße/ })).toHaveValue("Heidestraße");
  await expect(page.getByRole("textbox", { name: /^Hausnummer/ })).toHaveValue("17");
  await expect(page.getByRole("textbox", { name: /^Ort/ })).toHaveValue("Köln");
  await expect(page.getByRole("combobox", { name: /^Land/ })).toHaveValue("DE");
  expect(await e2eDb().address.count({ where: { userId: customer.id } })).toBe(0);

  await page.getByLabel("Postleitzahl").fill("51147");
  await page.getByRole("button", { name: "Adresse speichern" }).click();
  await expect(page).toHaveURL("/account/addresses");
  await expect(page.getByText("Die Adresse ist gespeichert.")).toBeVisible();
  const home = page.getByRole("article", { name: "Zuhause" });
  // The first address is the default for both unless the customer unticks it.
  await expect(home.getByText("Standard-Lieferadresse")).toBeVisible();
  await expect(home.getByText("Standard-Rechnungsadresse")).toBeVisible();
  await expect(home.getByText("Heidestraße 17")).toBeVisible();

  // A DHL Packstation.
  await page.getByRole("link", { name: "Adresse hinzufügen" }).click();
  await page.getByRole("radio", { name: "DHL Packstation" }).check();
  await page.getByLabel("Bezeichnung").fill("Packstation Hbf");
  await page.getByLabel("Name des Empfängers").fill("Erika Mustermann");
  await page.getByLabel("Postnummer").fill("12345678");
  await page.getByLabel("Packstation-Nummer").fill("123");
  await page.getByLabel("Postleitzahl").fill("10115");
  await page.getByRole("textbox", { name: /^Ort/ }).fill("Berlin");
  await expect(page.getByLabel("Als Standard-Rechnungsadresse verwenden")).toHaveCount(0);
  await page.getByRole("button", { name: "Adresse speichern" }).click();
  await expect(page).toHaveURL("/account/addresses");
  const packstation = page.getByRole("article", { name: "Packstation Hbf" });
  await expect(packstation.getByText("Packstation 123")).toBeVisible();
  await expect(packstation.getByText("Postnummer 12345678")).toBeVisible();
  // Never a billing address.
  await expect(packstation.getByRole("button", { name: "Als Rechnungsadresse festlegen" })).toHaveCount(0);

  // Defaults: shipping to the Packstation clears it on the street address; billing stays there.
  await packstation.getByRole("button", { name: "Als Lieferadresse festlegen" }).click();
  await expect(page.getByText("Ihre Standard-Lieferadresse ist geändert.")).toBeVisible();
  await expect(packstation.getByText("Standard-Lieferadresse")).toBeVisible();
  await expect(home.getByText("Standard-Lieferadresse")).toHaveCount(0);
  await expect(home.getByText("Standard-Rechnungsadresse")).toBeVisible();

  // Edit the street address.
  await home.getByRole("link", { name: /Bearbeiten/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Adresse bearbeiten" })).toBeVisible();
  await expect(page.getByRole("textbox", { name: /^Straße/ })).toHaveValue("Heidestraße");
  await page.getByRole("textbox", { name: /^Hausnummer/ }).fill("17a");
  await page.getByRole("button", { name: "Änderungen speichern" }).click();
  await expect(page.getByText("Ihre Änderungen an der Adresse sind gespeichert.")).toBeVisible();
  await expect(home.getByText("Heidestraße 17a")).toBeVisible();

  // Delete the Packstation: a confirmation dialog that Escape cancels, then "Ja, löschen".
  await packstation.getByRole("button", { name: /Löschen/ }).click();
  const dialog = page.getByRole("dialog", { name: "Adresse löschen?" });
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(packstation).toBeVisible();
  await packstation.getByRole("button", { name: /Löschen/ }).click();
  await expect(
    dialog.getByText("Die Adresse „Packstation Hbf“ wird aus Ihrem Adressbuch entfernt."),
  ).toBeVisible();
  await dialog.getByRole("button", { name: "Ja, löschen" }).click();
  await expect(page.getByText("Die Adresse ist gelöscht.")).toBeVisible();
  await expect(packstation).toHaveCount(0);

  const stored = await e2eDb().address.findMany({ where: { userId: customer.id } });
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({
    type: "STREET",
    houseNumber: "17a",
    postalCode: "51147",
    isDefaultShipping: false,
    isDefaultBilling: true,
  });
  const types = await e2eDb().auditEvent.findMany({
    where: { subjectUserId: customer.id, type: { startsWith: "address." } },
    orderBy: { sequence: "asc" },
    select: { type: true },
  });
  expect(types.map((e) => e.type)).toEqual([
    "address.created",
    "address.created",
    "address.defaults_changed",
    "address.updated",
    "address.deleted",
  ]);
});

test("[CUSTOMER] sees profile completeness, the last three sign-ins and a suggested next step", async ({
  page,
  context,
}) => {
  const customer = await createCustomer({ displayName: "Erika Mustermann" });
  await e2eDb().profile.create({ data: { userId: customer.id, firstName: "Erika", lastName: "Mustermann" } });
  const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);
  await e2eDb().signInAttempt.createMany({
    data: [
      { userId: customer.id, method: "PASSWORD", result: "INVALID_CREDENTIALS", createdAt: hoursAgo(4) },
      { userId: customer.id, method: "PASSWORD", result: "SUCCEEDED", createdAt: hoursAgo(3) },
      { userId: customer.id, method: "PASSWORD", result: "THROTTLED", createdAt: hoursAgo(2) },
      { userId: customer.id, method: "PASSKEY", result: "SUCCEEDED", createdAt: hoursAgo(1) },
    ],
  });
  await signInAs(context, customer.id);
  await page.goto("/account");

  await expect(page.getByText("Ihr Profil ist zu 25 % vollständig.")).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Vollständigkeit Ihres Profils" })).toHaveAttribute(
    "value",
    "25",
  );
  const history = page.getByRole("table", { name: "Anmeldeverlauf" });
  await expect(history.getByRole("row")).toHaveCount(4); // header and three attempts
  await expect(history.getByText("Zu viele Versuche")).toBeVisible();
  await expect(history.getByText("Falsches Passwort")).toHaveCount(0);
  // Every area is still linked.
  for (const name of [
    "Persönliche Daten",
    "Adressen",
    "Zahlungsdaten",
    "Kommunikation",
    "Datenschutz",
    "Sicherheit",
  ])
    await expect(
      page
        .getByRole("region", { name: "Ihre Kontobereiche" })
        .getByRole("link", { name: new RegExp(`^${name}`) }),
    ).toBeVisible();

  await page.getByRole("link", { name: "Geburtsdatum eintragen" }).click();
  await expect(page).toHaveURL("/account/profile");
  await expect(page.getByLabel("Vorname")).toHaveValue("Erika");
});
