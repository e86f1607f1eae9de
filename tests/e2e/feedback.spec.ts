/**
 * One way of telling the customer what happened (issue 15 item 7, docs/decisions/0054): outcomes
 * reach the toaster's polite live region, once — not again on reload, never as banners that stack.
 * The bank-account change form closing is asserted in payment.spec.ts.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { createCustomer, e2eDb, signInAs } from "./support/users";

const toasts = (page: Page) => page.getByRole("region", { name: "Benachrichtigungen" });

test("[CUSTOMER] hears the outcome of a redirect once: the address forgets it, a reload does not repeat it", async ({
  page,
  context,
}) => {
  const customer = await createCustomer();
  await signInAs(context, customer.id);

  await page.goto("/account/addresses?notice=deleted");
  await expect(toasts(page)).toHaveAttribute("aria-live", "polite");
  await expect(toasts(page).getByText("Die Adresse ist gelöscht.")).toBeVisible();
  await expect(page).toHaveURL("/account/addresses");
  // Not a banner in the page: the only place it is said is the toaster.
  await expect(page.getByRole("main").getByText("Die Adresse ist gelöscht.")).toHaveCount(0);

  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Adressen" })).toBeVisible();
  await expect(toasts(page).getByText("Die Adresse ist gelöscht.")).toHaveCount(0);

  // Two outcomes one after the other are two toasts, never two banners in the page.
  await page.goto("/account/security?notice=others-signed-out&count=2");
  await expect(toasts(page).getByText(/2 andere/)).toBeVisible();
  await expect(page).toHaveURL("/account/security");
});

test("[ATTACKER] a forged notice in the URL says nothing and breaks nothing", async ({ page, context }) => {
  const customer = await createCustomer();
  await signInAs(context, customer.id);
  // Names every object has (`in` would find them) and text of the attacker's choosing.
  for (const path of [
    "/account/addresses?notice=constructor",
    "/account/security?notice=__proto__",
    "/account/security?notice=toString",
    "/account/security?social=constructor",
    "/account/addresses?notice=%3Cb%3EIhr%20Konto%20ist%20gesperrt%3C%2Fb%3E",
  ]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page).toHaveURL(path.split("?")[0]!); // taken out of the address all the same
    await expect(toasts(page)).toHaveText(""); // the fixture fails the test on any console error
  }
});

test("[CUSTOMER] landing on an outcome, then acting: the same outcome again and the next one are both told, a reload tells nothing", async ({
  page,
  context,
}) => {
  const customer = await createCustomer();
  await signInAs(context, customer.id);
  const place = { recipientName: "Erika Muster", postalCode: "10115", city: "Berlin", country: "DE" };
  await e2eDb().address.createMany({
    data: [
      { userId: customer.id, label: "Büro", street: "Hauptstraße", houseNumber: "1", ...place },
      { userId: customer.id, label: "Ferienhaus", street: "Seeweg", houseNumber: "2", ...place },
    ],
  });

  // A full page load with the outcome (as after the social provider's callback or a server redirect).
  await page.goto("/account/addresses?notice=deleted");
  const deleted = toasts(page).getByText("Die Adresse ist gelöscht.");
  await expect(deleted).toBeVisible();
  await expect(page).toHaveURL("/account/addresses");
  await toasts(page).getByRole("button", { name: "Benachrichtigung schließen" }).click();
  await expect(deleted).toHaveCount(0);

  // The same outcome after the customer's own action is new, so it is told again.
  await page
    .getByRole("article", { name: "Büro" })
    .getByRole("button", { name: /Löschen/ })
    .click();
  await page
    .getByRole("dialog", { name: "Adresse löschen?" })
    .getByRole("button", { name: "Ja, löschen" })
    .click();
  await expect(page.getByRole("article", { name: "Büro" })).toHaveCount(0);
  await expect(deleted).toHaveCount(1);
  await expect(page).toHaveURL("/account/addresses");

  // A different outcome right after it is told as well, next to the first.
  await page
    .getByRole("article", { name: "Ferienhaus" })
    .getByRole("button", { name: "Als Lieferadresse festlegen" })
    .click();
  await expect(toasts(page).getByText("Ihre Standard-Lieferadresse ist geändert.")).toBeVisible();
  await expect(page).toHaveURL("/account/addresses");

  await page.reload();
  await expect(page.getByRole("article", { name: "Ferienhaus" })).toBeVisible();
  await expect(toasts(page)).toHaveText("");
});

test("[CUSTOMER] sees no nudging: granting and withdrawing look alike, deleting looks destructive, signing out is quiet", async ({
  page,
  context,
}) => {
  const customer = await createCustomer();
  await signInAs(context, customer.id);
  await e2eDb().address.create({
    data: {
      userId: customer.id,
      label: "Büro",
      recipientName: "Erika",
      postalCode: "10115",
      city: "Berlin",
      country: "DE",
    },
  });

  await page.goto("/account/privacy");
  const analytics = page.getByRole("region", { name: "Analyse", exact: true });
  const grant = analytics.getByRole("button", { name: "Zustimmen" });
  const granting = await grant.getAttribute("data-variant");
  await grant.click();
  await expect(analytics.getByText("Status: Erteilt")).toBeVisible();
  await expect(analytics.getByRole("button", { name: "Widerrufen" })).toHaveAttribute(
    "data-variant",
    granting!,
  );
  expect(granting).toBe("secondary");

  await page.goto("/account/addresses");
  await expect(
    page.getByRole("article", { name: "Büro" }).getByRole("button", { name: /Löschen/ }),
  ).toHaveAttribute("data-variant", "danger");
  await expect(page.getByRole("banner").getByRole("button", { name: "Abmelden" })).toHaveAttribute(
    "data-variant",
    "link",
  );
});
