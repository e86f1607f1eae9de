/**
 * `npm run screenshots` (issue 15, Done when 3): every account page, German, on a desktop (1280×800)
 * and a phone (390×844), full length, into docs/screenshots/<device>/ — for reviewers who would
 * rather look than read. A generator, not a test: it runs against the E2E server and database
 * (playwright.config.ts) and is not part of `npm test`. Which files are committed: decision 0050.
 */
import { test, expect } from "@playwright/test";
import { ACCOUNT_SECTIONS } from "../../app/(account)/account/areas";
import { fillTheLists } from "../e2e/support/account-data";
import { createCustomer, signInAs } from "../e2e/support/users";

const OUT = "docs/screenshots";
const DEVICES = [
  { name: "desktop", viewport: { width: 1280, height: 800 }, isMobile: false },
  { name: "phone", viewport: { width: 390, height: 844 }, isMobile: true },
] as const;
const PAGES = [
  { name: "overview", path: "/account" },
  ...ACCOUNT_SECTIONS.map((s) => ({ name: s.key, path: s.href })),
  { name: "addresses-new", path: "/account/addresses/new" },
];

for (const device of DEVICES) {
  test(`every account page on the ${device.name}`, async ({ browser }) => {
    const context = await browser.newContext({
      viewport: device.viewport,
      isMobile: device.isMobile,
      hasTouch: device.isMobile,
      locale: "de-DE",
    });
    const customer = await createCustomer({ displayName: "Erika Mustermann" });
    await fillTheLists(customer.id, customer.email);
    await signInAs(context, customer.id);
    const page = await context.newPage();
    for (const { name, path } of PAGES) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await page.screenshot({
        // JPEG at 60: a third smaller than PNG, sharp enough to review text and layout.
        path: `${OUT}/${device.name}/${name}.jpg`,
        type: "jpeg",
        quality: 60,
        fullPage: true,
        animations: "disabled",
      });
    }
    await context.close();
  });
}
