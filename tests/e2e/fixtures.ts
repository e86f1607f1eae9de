/**
 * The E2E test fixture every spec imports instead of @playwright/test:
 * - runs axe-core on every page the test visits (each main-frame load, and the page the test ends
 *   on) and fails the test on serious or critical violations;
 * - fails the test on an unexpected console error or uncaught page error.
 */
import { createHash } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";

type Violation = { url: string; id: string; impact: string; help: string; targets: string[] };

/**
 * Audits the document in the page now. The violations carry the URL axe itself analysed, which
 * differs from page.url() at the start when a redirect lands mid-audit.
 */
export async function auditPage(page: Page): Promise<{ url: string; violations: Violation[] }> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  const url = results.url;
  const violations = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({
      url,
      id: v.id,
      impact: v.impact ?? "",
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(" ")),
    }));
  return { url, violations: [...violations, ...(await buttonHierarchy(page, url))] };
}

/**
 * The house's own rule next to axe's (issue 15 item 8): a card offers at most one primary action
 * (components/ui/button.tsx marks each button's variant, components/ui/card.tsx each card).
 */
async function buttonHierarchy(page: Page, url: string): Promise<Violation[]> {
  const crowded = await page.locator("[data-card]").evaluateAll((cards) =>
    cards
      .map((card) => ({
        heading: card.querySelector("h2, h3")?.textContent?.trim() ?? "(card without a heading)",
        primaries: [...card.querySelectorAll('[data-variant="primary"]')]
          .filter((button) => (button as HTMLElement).offsetParent !== null)
          .map((button) => button.textContent?.trim() ?? ""),
      }))
      .filter((card) => card.primaries.length > 1),
  );
  return crowded.map((card) => ({
    url,
    id: "one-primary-action-per-card",
    impact: "serious",
    help: `The card "${card.heading}" has ${card.primaries.length} primary buttons`,
    targets: card.primaries,
  }));
}

function isNavigationRace(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  // The last two are axe itself finding the frame between two documents (a full page load, such as
  // signing out, followed at once by the test's next click): its script, injected into the old
  // document, is gone from the new one (window.axe undefined).
  return /Execution context was destroyed|navigat|Target page, context or browser has been closed|frame was detached|reading 'documentElement'|reading 'runPartial'/i.test(
    message,
  );
}

export type AxeAudits = {
  /** URLs audited so far in this test. */
  audited: string[];
  /** Audits the page as it is now: after a client-side transition that loads no new document. */
  check(): Promise<void>;
  /** Console errors matching this pattern are expected by the test (e.g. the 404 of a missing page). */
  allowConsoleError(pattern: RegExp): void;
  /**
   * Pages on this origin are not the portal's (e.g. the test OpenID provider's login form): they
   * are neither audited nor is their console checked. The portal's pages still are, fully.
   */
  skipOrigin(origin: string): void;
};

/**
 * Every test is its own client: the E2E server trusts X-Forwarded-For (TRUST_PROXY=1), and without
 * this all specs would sign in from one address, so the risk engine's "many accounts from one IP"
 * would ask a second factor of whichever spec comes late in the run. A spec that tests a place
 * sets its own header (page.setExtraHTTPHeaders wins over the context's).
 */
function clientIpFor(testId: string): string {
  const hash = createHash("sha256").update(testId).digest();
  return `10.${hash[0]}.${hash[1]}.${1 + (hash[2]! % 254)}`;
}

export const test = base.extend<{ axeAudits: AxeAudits }>({
  extraHTTPHeaders: async ({ extraHTTPHeaders }, provide, testInfo) => {
    await provide({ "X-Forwarded-For": clientIpFor(testInfo.testId), ...extraHTTPHeaders });
  },
  axeAudits: [
    async ({ page }, use, testInfo) => {
      const audited: string[] = [];
      const violations: Violation[] = [];
      const consoleErrors: string[] = [];
      const allowed: RegExp[] = [];
      const skippedOrigins: string[] = [];
      const isSkipped = (url: string) => {
        try {
          return skippedOrigins.includes(new URL(url).origin);
        } catch {
          return false;
        }
      };
      let chain: Promise<void> = Promise.resolve();

      const audit = () => {
        chain = chain.then(async () => {
          try {
            await page.waitForLoadState("domcontentloaded");
            const url = page.url();
            if (!url.startsWith("http")) return; // about:blank: the test did not open a page
            if (isSkipped(url)) return;
            let result = await auditPage(page);
            // A client-side navigation swaps the <title> (old one out, new one in) as it settles:
            // an audit caught in between sees none. Audit again once a title is there; a page that
            // never gets one still fails.
            if (result.violations.some((v) => v.id === "document-title")) {
              await page
                .waitForFunction(() => document.title.trim() !== "", undefined, { timeout: 5_000 })
                .catch(() => undefined);
              result = await auditPage(page);
            }
            // A notFound() thrown by a page arrives as Next's error shell (<html id="__next_error__">,
            // no lang) that the browser then renders as the not-found page, passing through an <html>
            // with neither: audit what is shown once rendered. A page without lang still fails.
            // Next's doing, not ours (docs/decisions/0064): drop this when Next renders it server-side.
            if (result.violations.some((v) => v.id === "html-has-lang")) {
              await page
                .waitForFunction(() => document.documentElement.lang !== "", undefined, { timeout: 5_000 })
                .catch(() => undefined);
              // Just rendered: let colour transitions end, or contrast is measured mid-fade.
              await page
                .evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished)))
                .catch(() => undefined);
              result = await auditPage(page);
            }
            // A colour transition caught mid-way (a page just rendered, hydrated or swapped to the
            // not-found page) measures a blend: audit again once every animation has finished. A real
            // contrast failure persists and still fails.
            if (result.violations.some((v) => v.id === "color-contrast")) {
              await page
                .evaluate(async () => {
                  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
                  await Promise.all(document.getAnimations().map((a) => a.finished));
                })
                .catch(() => undefined);
              result = await auditPage(page);
            }
            if (isSkipped(result.url)) return; // redirected to a skipped origin while auditing
            violations.push(...result.violations);
            audited.push(result.url);
          } catch (error) {
            if (!isNavigationRace(error)) throw error; // left before the audit finished: the next page is audited
          }
        });
      };
      page.on("load", audit);
      // Client-side navigations change the URL without a load event.
      const onNavigated = (frame: import("@playwright/test").Frame) => {
        if (frame === page.mainFrame() && frame.url() !== audited.at(-1)) audit();
      };
      page.on("framenavigated", onNavigated);
      page.on("console", (msg) => {
        if (msg.type() === "error" && !isSkipped(page.url()) && !isSkipped(msg.location().url))
          consoleErrors.push(msg.text());
      });
      page.on("pageerror", (error) => {
        if (!isSkipped(page.url())) consoleErrors.push(`pageerror: ${error.message}`);
      });

      await use({
        audited,
        check: async () => {
          audit();
          await chain;
        },
        allowConsoleError: (pattern) => allowed.push(pattern),
        skipOrigin: (origin) => skippedOrigins.push(new URL(origin).origin),
      });

      page.off("load", audit);
      page.off("framenavigated", onNavigated);
      if (!page.isClosed() && testInfo.status === testInfo.expectedStatus) {
        audit();
      }
      await chain;
      if (violations.length > 0) {
        await testInfo.attach("axe-violations.json", {
          body: JSON.stringify(violations, null, 2),
          contentType: "application/json",
        });
      }
      expect(
        violations,
        `serious/critical axe violations on ${[...new Set(violations.map((v) => v.url))].join(", ")}`,
      ).toEqual([]);
      expect(
        consoleErrors.filter((e) => !allowed.some((p) => p.test(e))),
        "unexpected console errors",
      ).toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
