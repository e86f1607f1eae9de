/**
 * The phone check every mobile spec runs on every page it visits (issue 15, Done when 2): nothing in
 * `main` is wider than the screen, nothing inside it scrolls sideways, the header stays one line — a table in an
 * overflow-x-auto box counts as overflow too, because on a phone that is a hidden column.
 */
import { expect, type Page } from "@playwright/test";

export async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  await page.locator("main").first().waitFor();
  const offenders = await page.evaluate(() => {
    const viewport = document.documentElement.clientWidth;
    const describe = (el: Element) => {
      const cls = typeof el.className === "string" ? el.className.trim().split(/\s+/).slice(0, 4) : [];
      const text = (el.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 40);
      return `<${el.tagName.toLowerCase()}${cls.length ? ` class="${cls.join(" ")}"` : ""}> "${text}"`;
    };
    const found: string[] = [];
    if (document.documentElement.scrollWidth > viewport)
      found.push(
        `the page scrolls sideways: ${document.documentElement.scrollWidth}px on a ${viewport}px screen`,
      );
    // The header never wraps: its parts sit side by side on one line.
    const bar = document.querySelector("header > div");
    if (bar) {
      const tops = [...bar.children].map((c) => Math.round(c.getBoundingClientRect().top));
      const bottoms = [...bar.children].map((c) => Math.round(c.getBoundingClientRect().bottom));
      if (Math.min(...bottoms) <= Math.max(...tops)) found.push("the header wraps onto a second line");
    }
    const main = document.querySelector("main")!;
    const isClipped = (el: Node): boolean => {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const style = getComputedStyle(a);
        if (style.overflowX !== "visible") return true; // reported as a scroller, or hidden on purpose
      }
      return false;
    };
    for (const el of [main, ...main.querySelectorAll("*")]) {
      const style = getComputedStyle(el);
      if (style.display === "none" || style.visibility === "hidden") continue;
      const box = el.getBoundingClientRect();
      if (box.width <= 1) continue; // visually hidden text (sr-only)
      if ((style.overflowX === "auto" || style.overflowX === "scroll") && el.scrollWidth > el.clientWidth + 1)
        found.push(`${describe(el)} scrolls sideways (${el.scrollWidth}px in ${el.clientWidth}px)`);
      else if ((box.right > viewport + 1 || box.left < -1) && !isClipped(el)) {
        const parent = el.parentElement?.getBoundingClientRect();
        // Only the outermost element that sticks out: its children follow it.
        if (!parent || (parent.right <= viewport + 1 && parent.left >= -1))
          found.push(`${describe(el)} reaches ${Math.round(box.left)}…${Math.round(box.right)}px`);
      }
    }
    // A long word (an e-mail address) sticks out of a box that itself fits.
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || isClipped(node) || !node.textContent?.trim()) continue;
      range.selectNodeContents(node);
      const box = range.getBoundingClientRect();
      if (box.width > 1 && (box.right > viewport + 1 || box.left < -1))
        found.push(`text "${node.textContent.trim().slice(0, 40)}" reaches ${Math.round(box.right)}px`);
    }
    return found;
  });
  expect.soft(offenders, `horizontal overflow on ${page.url()}`).toEqual([]);
}
