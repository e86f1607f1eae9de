/**
 * Who the bench's customers are. Everything about customer `i` follows from `i`, so the seed and
 * the simulated browsers agree without sharing state, on either database and at any size.
 * Each customer signs in from an address and a browser of their own, as people do: the risk engine
 * then sees a known device and one account per address, and allows the sign-in without a second
 * factor (lib/auth/risk/config.ts), which is the everyday case the bench is about.
 */
import { createHash } from "node:crypto";
import { checkDigit } from "../../lib/schemas/customer-number";

export const BENCH_PASSWORD = "Korrekt Pferd Batterie Heftklammer 2026";
export const BENCH_USER_AGENT =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";

const FIRST_NAMES = ["Anna", "Ben", "Clara", "David", "Emma", "Felix", "Greta", "Hannah", "Jonas", "Lena"];
const LAST_NAMES = [
  "Schmidt",
  "Müller",
  "Schneider",
  "Fischer",
  "Weber",
  "Meyer",
  "Wagner",
  "Becker",
  "Hoffmann",
];

export const sha256Hex = (value: string) => createHash("sha256").update(value).digest("hex");

export const customer = {
  userId: (i: number) => `bench-user-${i}`,
  email: (i: number) => `kunde-${i}@bench.example`,
  /** Sequential like the migration's backfill (decision 0043): 100000001 + i and its check digit. */
  customerNumber: (i: number) => `${100_000_001 + i}${checkDigit(String(100_000_001 + i))}`,
  /** The value of the browser's portal_device cookie; the database holds its SHA-256. */
  deviceCookie: (i: number) => `bench-device-cookie-${i}`,
  /** A private address per customer (10.0.0.0/8 holds 16 million): no GeoIP location, no sharing. */
  ip: (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
  /** The portal_session cookie of the session seeded for page loads (pageCustomers only). */
  sessionToken: (i: number) => `bench-session-token-${i}-${sha256Hex(`session:${i}`).slice(0, 32)}`,
  /** The WebAuthn user handle of customers with a passkey. */
  webauthnUserId: (i: number) => `bench-handle-${i}`,
  /** Name and mobile number for the support search (scenario 7): many share a name's start. */
  name: (i: number) =>
    `${FIRST_NAMES[i % FIRST_NAMES.length]} ${LAST_NAMES[Math.floor(i / 10) % LAST_NAMES.length]}${Math.floor(i / 90)}`,
  phoneE164: (i: number) => `+49170${String(i).padStart(7, "0")}`,
};

/** Who has a passkey: the first `count` customers. */
export function passkeyCustomers(total: number, count = 1_000): number[] {
  return Array.from({ length: Math.min(total, count) }, (_, i) => i);
}

/** Who has a live session for the page loads: `count` customers spread over the whole range. */
export function pageCustomers(total: number, count = 64): number[] {
  const n = Math.min(total, count);
  return Array.from({ length: n }, (_, k) => Math.floor(((k + 0.5) * total) / n));
}

/**
 * The order in which password sign-ins pick customers: spread over the whole range (so a million
 * customers are not measured on the first few thousand rows), each customer at most once per pool.
 */
export function signInOrder(total: number, count: number, seed = 1): number[] {
  const n = Math.min(total, count);
  if (n === total) return shuffle([...Array(total).keys()], seed);
  const picked = new Set<number>();
  let state = seed;
  while (picked.size < n) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    picked.add(Math.floor((state / 2 ** 32) * total));
  }
  return [...picked];
}

function shuffle(values: number[], seed: number): number[] {
  let state = seed;
  for (let i = values.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    const j = Math.floor((state / 2 ** 32) * (i + 1));
    [values[i], values[j]] = [values[j]!, values[i]!];
  }
  return values;
}
