/**
 * Seeds the bench's customers into a migrated database (reference data already in place): for each
 * one the rows a registered, verified customer has (user, CUSTOMER role, password credential with
 * one precomputed argon2id hash, communication preference, a shipping address), the browser they
 * sign in from (a device row) and one earlier successful sign-in, so the risk engine's history
 * queries run over a table of realistic size, with the history behind it (seed-history.ts). Page customers also get a live session, passkey
 * customers a passkey whose private key the bench holds.
 */
import { hashPassword } from "../../lib/server/passwords/password-hash";
import { bulkTarget, type BulkTarget, type Rows, type Value } from "./bulk-insert";
import { BENCH_PASSWORD, BENCH_USER_AGENT, customer, sha256Hex } from "./customers";
import { HISTORY_TABLES, SESSION_COLUMNS, termsVersion, writeHistory } from "./seed-history";

export type SeedPasskey = { index: number; credentialId: string; publicKey: Uint8Array };

export type SeedPlan = {
  /** Customers [from, to) are written; a second call extends an existing seed. */
  from: number;
  to: number;
  /** Customers (already seeded or in this range) that get a live session, for page loads. */
  sessions: number[];
  /** Customers (in this range) that get a passkey. */
  passkeys: SeedPasskey[];
};

const CHUNK = 10_000;
const CUSTOMER_TABLES = [
  "User",
  "UserRole",
  "PasswordCredential",
  "CommunicationPreference",
  "Address",
  "Device",
  "SignInAttempt",
];
const DAY = 86_400_000;

function customerRows(
  from: number,
  to: number,
  passwordHash: string,
  handles: Set<number>,
  now: Date,
): Rows[] {
  const earlier = new Date(now.getTime() - 30 * DAY);
  const users: Value[][] = [];
  const roles: Value[][] = [];
  const passwords: Value[][] = [];
  const preferences: Value[][] = [];
  const addresses: Value[][] = [];
  const devices: Value[][] = [];
  const attempts: Value[][] = [];
  for (let i = from; i < to; i++) {
    const userId = customer.userId(i);
    const ip = customer.ip(i);
    const deviceId = `bench-device-${i}`;
    const handle = handles.has(i) ? customer.webauthnUserId(i) : null;
    users.push([
      userId,
      customer.email(i),
      customer.email(i),
      customer.customerNumber(i),
      earlier,
      `Kunde ${i}`,
      handle,
      1,
      earlier,
      earlier,
      now,
    ]);
    roles.push([`bench-role-${i}`, userId, "CUSTOMER", earlier]);
    passwords.push([`bench-password-${i}`, userId, passwordHash, earlier, earlier, now]);
    preferences.push([`bench-communication-${i}`, userId, earlier, now]);
    addresses.push([
      `bench-address-${i}`,
      userId,
      `Kunde ${i}`,
      "Musterstraße",
      String(1 + (i % 200)),
      String(10115 + (i % 80_000)).padStart(5, "0"),
      "Berlin",
      "DE",
      true,
      true,
      earlier,
      now,
    ]);
    devices.push([
      deviceId,
      userId,
      sha256Hex(customer.deviceCookie(i)),
      "Chrome",
      "Linux",
      BENCH_USER_AGENT,
      earlier,
      earlier,
      ip,
      now,
    ]);
    attempts.push([
      `bench-attempt-${i}`,
      earlier,
      userId,
      customer.email(i),
      "PASSWORD",
      "SUCCEEDED",
      "LOW",
      ip,
      BENCH_USER_AGENT,
      deviceId,
    ]);
  }
  return [
    {
      table: "User",
      columns: [
        "id",
        "email",
        "emailNormalized",
        "customerNumber",
        "emailVerifiedAt",
        "displayName",
        "webauthnUserId",
        "signInCount",
        "lastSignInAt",
        "createdAt",
        "updatedAt",
      ],
      rows: users,
    },
    { table: "UserRole", columns: ["id", "userId", "role", "grantedAt"], rows: roles },
    {
      table: "PasswordCredential",
      columns: ["id", "userId", "hash", "changedAt", "createdAt", "updatedAt"],
      rows: passwords,
    },
    {
      table: "CommunicationPreference",
      columns: ["id", "userId", "createdAt", "updatedAt"],
      rows: preferences,
    },
    {
      table: "Address",
      columns: [
        "id",
        "userId",
        "recipientName",
        "street",
        "houseNumber",
        "postalCode",
        "city",
        "country",
        "isDefaultShipping",
        "isDefaultBilling",
        "createdAt",
        "updatedAt",
      ],
      rows: addresses,
    },
    {
      table: "Device",
      columns: [
        "id",
        "userId",
        "cookieIdHash",
        "browser",
        "os",
        "userAgent",
        "firstSeenAt",
        "lastSeenAt",
        "lastIp",
        "updatedAt",
      ],
      rows: devices,
    },
    {
      table: "SignInAttempt",
      columns: [
        "id",
        "createdAt",
        "userId",
        "emailNormalized",
        "method",
        "result",
        "riskLevel",
        "ip",
        "userAgent",
        "deviceId",
      ],
      rows: attempts,
    },
  ];
}

function sessionRows(indices: number[]): Rows {
  const now = Date.now();
  return {
    table: "Session",
    columns: SESSION_COLUMNS,
    // Lifetimes longer than the defaults so a long run never sees one expire; the idle window
    // still slides (lastSeenAt), as it does for real sessions.
    rows: indices.map((i) => [
      `bench-session-${i}`,
      sha256Hex(customer.sessionToken(i)),
      customer.userId(i),
      `bench-device-${i}`,
      new Date(now),
      new Date(now),
      new Date(now + 12 * 3_600_000),
      new Date(now + 24 * 3_600_000),
      new Date(now),
      { json: ["PASSWORD"] },
      customer.ip(i),
      BENCH_USER_AGENT,
    ]),
  };
}

function passkeyRows(passkeys: SeedPasskey[]): Rows {
  const now = new Date();
  return {
    table: "Passkey",
    columns: [
      "id",
      "userId",
      "credentialId",
      "publicKey",
      "counter",
      "transports",
      "deviceType",
      "backedUp",
      "name",
      "createdAt",
      "updatedAt",
    ],
    rows: passkeys.map((p) => [
      `bench-passkey-${p.index}`,
      customer.userId(p.index),
      p.credentialId,
      p.publicKey,
      0,
      { json: ["internal"] },
      "MULTI_DEVICE",
      true,
      "Bench passkey",
      now,
      now,
    ]),
  };
}

let sharedHash: Promise<string> | undefined;

/** Writes the plan; returns the seconds it took. */
export async function seedCustomers(databaseUrl: string, plan: SeedPlan): Promise<number> {
  const started = performance.now();
  // One real hash with the production parameters, reused: hashing a million times would take hours.
  sharedHash ??= hashPassword(BENCH_PASSWORD);
  const passwordHash = await sharedHash;
  const handles = new Set(plan.passkeys.map((p) => p.index));
  const target: BulkTarget = await bulkTarget(databaseUrl);
  try {
    const terms = await termsVersion(target);
    const load = async () => {
      for (let from = plan.from; from < plan.to; from += CHUNK) {
        const to = Math.min(plan.to, from + CHUNK);
        const now = new Date();
        const batches = customerRows(from, to, passwordHash, handles, now);
        await target.transaction(async () => {
          for (const batch of batches) await target.insert(batch);
          await writeHistory(target, from, to, terms, new Date(now.getTime() - 30 * DAY));
        });
      }
    };
    // Below this, dropping and rebuilding the indexes would cost more than it saves.
    if (plan.to - plan.from >= 100_000) await target.bulkLoad([...CUSTOMER_TABLES, ...HISTORY_TABLES], load);
    else await load();
    const extras = [sessionRows(plan.sessions), passkeyRows(plan.passkeys)];
    await target.transaction(async () => {
      for (const batch of extras) if (batch.rows.length > 0) await target.insert(batch);
    });
  } finally {
    await target.close();
  }
  return (performance.now() - started) / 1000;
}
