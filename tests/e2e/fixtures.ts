/**
 * The E2E test fixture every spec imports instead of @playwright/test:
 * - runs axe-core on every page the test visits (each main-frame load, and the page the test ends
 *   on) and fails the test on serious or critical violations;
 * - fails the test on an unexpected console error or uncaught page error.
 */
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";

type Violation = { url: string; id: string; impact: string; help: string; targets: string[] };

export async function auditPage(page: Page): Promise<Violation[]> {
  const url = page.url();
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ url, id: v.id, impact: v.impact ?? "", help: v.help, targets: v.nodes.map((n) => n.target.join(" ")) }));
}

function isNavigationRace(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /Execution context was destroyed|navigat|Target page, context or browser has been closed|frame was detached/i.test(message);
}

export const test = base.extend<{ axeAudits: { audited: string[] } }>({
  axeAudits: [
    async ({ page }, use, testInfo) => {
      const audited: string[] = [];
      const violations: Violation[] = [];
      const consoleErrors: string[] = [];
      let chain: Promise<void> = Promise.resolve();

      const audit = () => {
        chain = chain.then(async () => {
          try {
            await page.waitForLoadState("domcontentloaded");
            const url = page.url();
            violations.push(...(await auditPage(page)));
            audited.push(url);
          } catch (error) {
            if (!isNavigationRace(error)) throw error; // left before the audit finished: the next page is audited
          }
        });
      };
      page.on("load", audit);
      page.on("console", (msg) => {
        if (msg.type() === "error") consoleErrors.push(msg.text());
      });
      page.on("pageerror", (error) => consoleErrors.push(`pageerror: ${error.message}`));

      await use({ audited });

      page.off("load", audit);
      if (!page.isClosed() && testInfo.status === testInfo.expectedStatus) {
        audit();
      }
      await chain;
      if (violations.length > 0) {
        await testInfo.attach("axe-violations.json", { body: JSON.stringify(violations, null, 2), contentType: "application/json" });
      }
      expect(violations, `serious/critical axe violations on ${[...new Set(violations.map((v) => v.url))].join(", ")}`).toEqual([]);
      expect(consoleErrors, "unexpected console errors").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
