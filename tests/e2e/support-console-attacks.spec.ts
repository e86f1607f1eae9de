/**
 * Attacks on the support console (issue 12 Done-when 2, docs/decisions/0042): support cannot
 * reveal an IBAN or edit a customer's data by forging a request, cannot act on a customer they
 * have not opened with a reason, and staff accounts are not "customers"; a customer or marketing
 * session reaches neither the console's pages nor its actions.
 */
import { expect, test } from "./fixtures";
import { callServerAction } from "./support/forged-action";
import { createStaff } from "./support/staff";
import { createCustomer, e2eDb, signInAs, STAFF_SESSION } from "./support/users";

async function bankAccountOf(userId: string) {
  // The reveal is refused before the account is read, so an unreadable envelope is enough here.
  return e2eDb().bankAccount.create({
    data: {
      userId,
      holderName: "Erika Mustermann",
      ibanCiphertext: "v1.none.AAAA.AAAA",
      ibanKeyId: "none",
      ibanLast4: "3000",
      ibanCountry: "DE",
      ibanLength: 22,
    },
  });
}

test("[ATTACKER] as SUPPORT: a forged IBAN reveal is refused and audited, a forged profile edit changes no customer, an unopened customer cannot be locked", async ({
  page,
  context,
  axeAudits,
}) => {
  axeAudits.allowConsoleError(/status of 404/); // the staff account's page is meant to be not found
  const customer = await createCustomer();
  const account = await bankAccountOf(customer.id);
  const agent = await createStaff("SUPPORT");
  await signInAs(context, agent.id, STAFF_SESSION);

  const reveal = await callServerAction(context.request, {
    pagePath: "/account/payment",
    filename: "lib/actions/payment.ts",
    exportedName: "revealIbanAction",
    args: [{ bankAccountId: account.id }],
  });
  expect(reveal.body).toContain("FORBIDDEN");
  expect(reveal.body).not.toContain("3000");
  const refused = await e2eDb().auditEvent.findFirstOrThrow({
    where: { type: "support.request_refused", actorId: agent.id },
  });
  expect(refused).toMatchObject({ actorRole: "SUPPORT", targetType: "BankAccount", targetId: account.id });
  expect(
    await e2eDb().auditEvent.count({ where: { type: "bank_account.revealed", targetId: account.id } }),
  ).toBe(0);

  // The profile action has no "whose" field: smuggled ids reach nothing of the customer's.
  await callServerAction(context.request, {
    pagePath: "/account/profile",
    filename: "lib/actions/profile.ts",
    exportedName: "updateProfileAction",
    args: [
      {
        firstName: "Gehackt",
        lastName: "Gehackt",
        dateOfBirth: "",
        phone: "",
        locale: "de",
        userId: customer.id,
        customerId: customer.id,
      },
    ],
  });
  expect(await e2eDb().profile.findUnique({ where: { userId: customer.id } })).toBeNull();

  const lock = await callServerAction(context.request, {
    pagePath: `/support/customers/${customer.id}`,
    filename: "lib/actions/support.ts",
    exportedName: "lockCustomerAction",
    args: [{ customerId: customer.id, reason: "Ohne Öffnen gesperrt" }],
  });
  expect(lock.body).toContain("staff.support.failures.ACCESS_REQUIRED");
  expect((await e2eDb().user.findUniqueOrThrow({ where: { id: customer.id } })).status).toBe("ACTIVE");

  // A staff account is no customer: its page is not found, and opening it is refused.
  const admin = await createStaff("ADMIN");
  const staffPage = await page.goto(`/support/customers/${admin.id}`);
  expect(staffPage?.status()).toBe(404);
  // A notFound() from a page arrives as Next's error shell and is rendered in the browser: wait until
  // the not-found page is there, in German, before the fixture's accessibility check reads it.
  await expect(page.getByRole("heading", { level: 1, name: "Seite nicht gefunden" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  const open = await callServerAction(context.request, {
    pagePath: `/support/customers/${admin.id}`,
    filename: "lib/actions/support.ts",
    exportedName: "openCustomerAction",
    args: [{ customerId: admin.id, reason: "Neugier auf Kollegen" }],
  });
  expect(open.body).toContain("NOT_FOUND");
  expect(
    await e2eDb().auditEvent.count({ where: { type: "support.customer_viewed", subjectUserId: admin.id } }),
  ).toBe(0);
});

for (const role of ["CUSTOMER", "MARKETING"] as const)
  test(`[ATTACKER] a ${role} session reaches no support page and no support action`, async ({
    page,
    context,
    axeAudits,
  }) => {
    axeAudits.allowConsoleError(/status of 404/); // every console page is meant to be not found
    const victim = await createCustomer();
    const caller = role === "CUSTOMER" ? await createCustomer() : await createStaff("MARKETING");
    await signInAs(context, caller.id, STAFF_SESSION);
    for (const path of ["/support", `/support/customers/${victim.id}`, "/support?by=email&q=kundin"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByText(victim.email)).toHaveCount(0);
    }
    for (const exportedName of [
      "openCustomerAction",
      "lockCustomerAction",
      "unlockCustomerAction",
      "sendCustomerPasswordResetAction",
      "signOutCustomerEverywhereAction",
      "resendCustomerVerificationAction",
    ]) {
      const reply = await callServerAction(context.request, {
        pagePath: "/support",
        filename: "lib/actions/support.ts",
        exportedName,
        args: [{ customerId: victim.id, reason: "Ein ausreichend langer Grund" }],
      });
      // notFound() inside the action: Next answers with its 404 error row (digest "…;404").
      expect(reply.body, exportedName).toContain(";404");
    }
    expect(
      await e2eDb().auditEvent.count({
        where: { subjectUserId: victim.id, type: { startsWith: "support." } },
      }),
    ).toBe(0);
    expect((await e2eDb().user.findUniqueOrThrow({ where: { id: victim.id } })).status).toBe("ACTIVE");
  });
