/**
 * The web app manifest (issue 14 Done-when 4, in part): the fields installability needs, a start
 * URL inside the scope, and icons that are real PNG files of the declared size (read from the PNG
 * header, so a renamed or resized file fails here).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import manifest from "@/app/manifest";

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(path.join("public", file));
  expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE), `${file} is a PNG`).toBe(true);
  expect(bytes.subarray(12, 16).toString("ascii")).toBe("IHDR");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe("/manifest.webmanifest", () => {
  const m = manifest();

  it("names the app and opens the account area standalone", () => {
    expect(m).toMatchObject({
      name: "Kundenportal",
      short_name: "Kundenportal",
      start_url: "/account",
      display: "standalone",
    });
    expect(m.start_url!.startsWith(m.scope!)).toBe(true);
    expect(m.theme_color).toMatch(/^#[0-9a-f]{6}$/);
    expect(m.background_color).toMatch(/^#[0-9a-f]{6}$/);
  });

  it("declares 192 and 512 px PNG icons, one maskable, each a PNG of exactly that size", () => {
    const icons = m.icons ?? [];
    const sizes = icons.map((icon) => icon.sizes);
    expect(sizes).toEqual(expect.arrayContaining(["192x192", "512x512"]));
    expect(icons.some((icon) => icon.purpose === "maskable")).toBe(true);
    for (const icon of icons) {
      expect(icon.type).toBe("image/png");
      const [width, height] = icon.sizes!.split("x").map(Number);
      expect(pngSize(icon.src), icon.src).toEqual({ width, height });
    }
  });
});
