import { defaultLocale, isLocale, type Locale } from "./config";

type WeightedTag = { tag: string; quality: number; order: number };

/**
 * Picks the best supported locale from an Accept-Language header (RFC 9110 §12.5.4).
 * Only the primary subtag matters because we ship one variant per language
 * ("de-AT" and "de-CH" visitors get "de"). Returns undefined when nothing matches,
 * so the caller decides the fallback.
 */
export function matchAcceptLanguage(header: string | null | undefined): Locale | undefined {
  if (!header) return undefined;

  const weighted: WeightedTag[] = [];
  // Bound the work on hostile headers: real browsers send a handful of entries.
  for (const [order, part] of header.split(",").slice(0, 32).entries()) {
    const [rawTag, ...params] = part.trim().split(";");
    const tag = rawTag?.trim().toLowerCase();
    if (!tag) continue;
    let quality = 1;
    for (const param of params) {
      const [key, value] = param.trim().split("=");
      if (key?.trim() === "q" && value !== undefined) {
        const parsed = Number.parseFloat(value);
        quality = Number.isFinite(parsed) ? Math.min(Math.max(parsed, 0), 1) : 0;
      }
    }
    if (quality > 0) weighted.push({ tag, quality, order });
  }

  // Stable ordering: higher quality first, then the order the browser listed them in.
  weighted.sort((a, b) => b.quality - a.quality || a.order - b.order);

  for (const { tag } of weighted) {
    if (tag === "*") return defaultLocale;
    const primary = tag.split("-")[0];
    if (isLocale(primary)) return primary;
  }
  return undefined;
}
