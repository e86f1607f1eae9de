/** Pure display helpers shared by the session list and the sign-in history. */

type DeviceInfo = { browser: string | null; os: string | null };
type PlaceInfo = { city: string | null; country: string | null };

/** "Browser · OS", or the (translated) fallback when neither is known. */
export function deviceLabel(item: DeviceInfo, unknown: string): string {
  return [item.browser, item.os].filter(Boolean).join(" · ") || unknown;
}

/** "City, Country", else the IP address when given, else the (translated) fallback. */
export function placeLabel(item: PlaceInfo, unknown: string, fallbackIp?: string | null): string {
  return [item.city, item.country].filter(Boolean).join(", ") || fallbackIp || unknown;
}
