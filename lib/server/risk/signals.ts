/**
 * Reads what the database knows about this account, device and IP and turns it into the signal
 * set the policy scores. Not `server-only` and takes the client as a parameter, so integration
 * tests can run it against both databases; app code goes through assess.ts with `db`.
 *
 * Call it before the current attempt is recorded as SUCCEEDED: otherwise the attempt itself would
 * make its own country known.
 */
import { hashToken } from "@/lib/server/crypto/token-hash";
import type { Prisma } from "@/lib/generated/prisma-sqlite/client";
import type { GeoLocation } from "@/lib/server/request/geo";
import { RISK_CONFIG, type RiskConfig } from "@/lib/config/risk";
import { detectImpossibleTravel, type ImpossibleTravel } from "./travel";
import type { Tx } from "@/lib/db";

export type { ImpossibleTravel } from "./travel";

/** Both the app's client and a transaction client fit. */
export type RiskDb = Pick<Tx, "device" | "signInAttempt">;

export type RiskSignals = {
  newDevice: boolean;
  newCountry: boolean;
  /** Country of this sign-in (ISO 3166-1 alpha-2); null for private, loopback or unknown IPs. */
  country: string | null;
  /** Countries the account succeeded from before (sorted), so support sees "FR (so far: DE)". */
  knownCountries: string[];
  impossibleTravel: ImpossibleTravel | null;
  accountRecentFailures: number;
  ipRecentFailures: number;
  /** Distinct accounts seen from this IP in the window, this account included. */
  accountsFromIp: number;
};

export type CollectRiskSignalsInput = {
  userId: string;
  /** The raw device cookie value; null when the browser sent none (always a new device). */
  deviceCookieId: string | null;
  ip: string | null;
  location: GeoLocation | null;
  now: Date;
};

const minutesBefore = (now: Date, minutes: number) => new Date(now.getTime() - minutes * 60_000);

async function isKnownDevice(db: RiskDb, userId: string, deviceCookieId: string | null): Promise<boolean> {
  if (!deviceCookieId) return false;
  const device = await db.device.findUnique({
    where: { userId_cookieIdHash: { userId, cookieIdHash: hashToken(deviceCookieId) } },
    select: { id: true },
  });
  return device !== null;
}

async function listKnownCountries(db: RiskDb, input: CollectRiskSignalsInput, config: RiskConfig) {
  const rows = await db.signInAttempt.findMany({
    where: {
      userId: input.userId,
      result: "SUCCEEDED",
      country: { not: null },
      createdAt: { gte: minutesBefore(input.now, config.country.lookbackDays * 24 * 60), lte: input.now },
    },
    distinct: ["country"],
    select: { country: true },
  });
  return rows.flatMap((r) => (r.country ? [r.country] : [])).sort();
}

async function findImpossibleTravel(
  db: RiskDb,
  input: CollectRiskSignalsInput,
  config: RiskConfig,
): Promise<ImpossibleTravel | null> {
  const here = input.location;
  if (here?.latitude == null || here.longitude == null) return null;
  const last = await db.signInAttempt.findFirst({
    where: {
      userId: input.userId,
      result: "SUCCEEDED",
      latitude: { not: null },
      longitude: { not: null },
      createdAt: { lte: input.now },
    },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true, latitude: true, longitude: true, city: true, country: true },
  });
  if (last?.latitude == null || last.longitude == null) return null;
  return detectImpossibleTravel(
    { ...last, at: last.createdAt, latitude: last.latitude, longitude: last.longitude },
    { ...here, at: input.now, latitude: here.latitude, longitude: here.longitude },
    config.travel,
  );
}

async function countFailures(
  db: RiskDb,
  where: Prisma.SignInAttemptWhereInput,
  input: CollectRiskSignalsInput,
  config: RiskConfig,
  windowMinutes: number,
) {
  return db.signInAttempt.count({
    where: {
      ...where,
      result: { in: [...config.failureResults] },
      createdAt: { gte: minutesBefore(input.now, windowMinutes), lte: input.now },
    },
  });
}

async function countAccountsFromIp(db: RiskDb, input: CollectRiskSignalsInput, config: RiskConfig) {
  if (!input.ip) return 0;
  const rows = await db.signInAttempt.findMany({
    where: {
      ip: input.ip,
      createdAt: { gte: minutesBefore(input.now, config.accountsFromIp.windowMinutes), lte: input.now },
      OR: [{ userId: { not: null } }, { emailNormalized: { not: null } }],
    },
    distinct: ["userId", "emailNormalized"],
    select: { userId: true, emailNormalized: true },
  });
  // An unknown address has no user id: it still counts, as the address that was tried.
  const accounts = new Set(rows.map((r) => r.userId ?? `email:${r.emailNormalized ?? ""}`));
  accounts.add(input.userId);
  return accounts.size;
}

/** `tx` is required: this module runs outside Next.js too (no default client, see the top). */
export async function collectRiskSignals(
  input: CollectRiskSignalsInput,
  { tx: db, config = RISK_CONFIG }: { tx: RiskDb; config?: RiskConfig },
): Promise<RiskSignals> {
  const country = input.location?.country ?? null;
  const [
    knownDevice,
    knownCountries,
    impossibleTravel,
    accountRecentFailures,
    ipRecentFailures,
    accountsFromIp,
  ] = await Promise.all([
    isKnownDevice(db, input.userId, input.deviceCookieId),
    listKnownCountries(db, input, config),
    findImpossibleTravel(db, input, config),
    countFailures(db, { userId: input.userId }, input, config, config.accountFailures.windowMinutes),
    input.ip ? countFailures(db, { ip: input.ip }, input, config, config.ipFailures.windowMinutes) : 0,
    countAccountsFromIp(db, input, config),
  ]);
  return {
    newDevice: !knownDevice,
    // A first sign-in (no country on record yet) is not "new": there is nothing to compare with.
    newCountry: country !== null && knownCountries.length > 0 && !knownCountries.includes(country),
    country,
    knownCountries,
    impossibleTravel,
    accountRecentFailures,
    ipRecentFailures,
    accountsFromIp,
  };
}
