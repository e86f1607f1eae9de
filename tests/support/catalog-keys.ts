import { expect } from "vitest";

/** All dotted leaf keys of a message catalog. */
export function catalogKeys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => catalogKeys(v, prefix ? `${prefix}.${k}` : k));
}

/** German and English catalogs have the same keys and no empty text. */
export function expectMatchingCatalogs(de: object, en: object): void {
  expect(catalogKeys(en).sort()).toEqual(catalogKeys(de).sort());
  for (const catalog of [de, en]) {
    for (const key of catalogKeys(catalog)) {
      const value = key
        .split(".")
        .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], catalog);
      expect(typeof value === "string" && value.trim().length > 0, key).toBe(true);
    }
  }
}
