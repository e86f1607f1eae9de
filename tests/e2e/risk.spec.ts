import { expect, test } from "./fixtures";
import { waitForMail } from "./support/mailbox";
import { createCustomer, e2eDb } from "./support/users";

// The E2E server runs with TRUST_PROXY=1, so X-Forwarded-For decides the client IP (and country).
const PARIS_IP = "62.210.16.1"; // geoip-lite: FR

test("[CUSTOMER] a sign-in from a new device and a new country asks for an email code and is audited; the same device and country again does not ask", async ({
  page,
}) => {
  const customer = await createCustomer();
  // History: the customer signed in from Berlin yesterday (known country DE, plausible travel to Paris).
  await e2eDb().signInAttempt.create({
    data: {
      userId: customer.id,
      emailNormalized: customer.email,
      method: "PASSWORD",
      result: "SUCCEEDED",
      ip: "81.169.145.1",
      country: "DE",
      city: "Berlin",
      latitude: 52.52,
      longitude: 13.405,
      createdAt: new Date(Date.now() - 24 * 3_600_000),
    },
  });
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": PARIS_IP });
  const signIn = async () => {
    await page.goto("/login");
    await page.getByLabel("E-Mail-Adresse").fill(customer.email);
    await page.getByLabel("Passwort", { exact: false }).first().fill(customer.password);
    await page.getByRole("button", { name: "Anmelden", exact: true }).click();
  };

  const since = new Date();
  await signIn();
  await expect(page).toHaveURL(/\/login\/verify/);
  const mail = await waitForMail({ to: customer.email, since, subject: /Anmeldecode/ });
  const code = /\b(\d{6})\b/.exec(mail.text)?.[1];
  expect(code).toBeDefined();
  await page.getByLabel("Code aus der E-Mail").fill(code!);
  await page.getByRole("button", { name: "Bestätigen" }).click();
  await expect(page).toHaveURL("/account");

  const assessed = await e2eDb().auditEvent.findMany({
    where: { subjectUserId: customer.id, type: "auth.risk_assessed" },
    orderBy: { sequence: "asc" },
  });
  expect(assessed).toHaveLength(1);
  const metadata = assessed[0]!.metadata as {
    risk: string;
    reasons: string[];
    description: { de: string[] };
  };
  expect(metadata.risk).toBe("MEDIUM");
  expect(metadata.reasons).toEqual(expect.arrayContaining(["NEW_DEVICE", "NEW_COUNTRY"]));
  expect(metadata.description.de.join(" ")).toMatch(/Gerät/);
  const attempt = await e2eDb().signInAttempt.findFirst({
    where: { userId: customer.id, country: "FR" },
    orderBy: { createdAt: "asc" },
  });
  expect(attempt).toMatchObject({
    riskLevel: "MEDIUM",
    secondFactorMethod: "EMAIL_CODE",
    result: "SUCCEEDED",
  });

  // Same browser (known device cookie), same country: no second factor.
  await page.getByRole("banner").getByRole("button", { name: "Abmelden" }).click();
  await expect(page).toHaveURL("/login");
  await signIn();
  await expect(page).toHaveURL("/account");
  const again = await e2eDb().auditEvent.findMany({
    where: { subjectUserId: customer.id, type: "auth.risk_assessed" },
    orderBy: { sequence: "asc" },
  });
  expect((again[1]!.metadata as { risk: string }).risk).toBe("LOW");
});
