/**
 * What the scale test writes before the instances start: migrations and reference data (as
 * `npm run db:seed`), customers from the bench's seed (known password, browser and address, so a
 * password sign-in passes the risk engine without a second factor; some with a passkey), and API
 * keys with orders:write stored the way createApiKey stores them (SHA-256 of the key only).
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { auditPartitionFor } from "../../lib/server/audit/audit-partition";
import { customer } from "../bench/customers";
import { prepareDatabase } from "../bench/portal";
import { seedCustomers } from "../bench/seed";
import { createPasskeys, type BenchPasskey } from "../bench/scenarios/sign-in";
import { hashToken } from "../../lib/server/crypto/token-hash";

export const CUSTOMERS = 256;
/** Customers 0…7 sign in during the shared-state check; 0…3 have a passkey. */
const PASSKEY_CUSTOMERS = [0, 1, 2, 3];

export type Fixtures = {
  passkeys: BenchPasskey[];
  /** API keys for the loads; `a`/`b` are disjoint sets for the freeze check. */
  apiKeys: { all: string[]; a: string[]; b: string[] };
  /** Customer ids; `a`/`b` lie in disjoint audit partitions (decision 0074). */
  customers: { all: string[]; a: string[]; b: string[] };
};

async function createApiKeys(databaseUrl: string, count: number): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const keys: string[] = [];
    for (let i = 0; i < count; i++) {
      const prefix = `kp_${randomBytes(4).toString("hex")}`;
      const key = `${prefix}_${randomBytes(32).toString("base64url")}`;
      await client.query(
        `INSERT INTO "ApiKey" (id, name, prefix, "keyHash", scopes, "createdAt", "expiresAt")
         VALUES ($1, $2, $3, $4, $5::jsonb, now(), now() + interval '1 day')`,
        [`scale-key-${i}`, `Scale test ${i}`, prefix, hashToken(key), JSON.stringify(["orders:write"])],
      );
      keys.push(key);
    }
    return keys;
  } finally {
    await client.end();
  }
}

export async function prepareFixtures(databaseUrl: string, env: NodeJS.ProcessEnv, origin: string) {
  prepareDatabase(databaseUrl, env);
  const passkeys = createPasskeys(PASSKEY_CUSTOMERS, origin);
  await seedCustomers(databaseUrl, {
    from: 0,
    to: CUSTOMERS,
    sessions: [],
    passkeys: passkeys.map(({ index, authenticator }) => ({
      index,
      credentialId: authenticator.credentialId,
      publicKey: authenticator.publicKey,
    })),
  });
  // 120 calls a minute per key (RATE_LIMIT_POLICIES.apiKey): enough keys that the limit never paces the load.
  const keys = await createApiKeys(databaseUrl, 96);
  // Customers 16… take orders; the first ones are the shared-state check's.
  const ordering = Array.from({ length: CUSTOMERS - 16 }, (_, i) => customer.userId(16 + i));
  const even = (id: string) => auditPartitionFor(id) % 2 === 0;
  return {
    passkeys,
    apiKeys: { all: keys.slice(0, 64), a: keys.slice(64, 80), b: keys.slice(80, 96) },
    customers: { all: ordering, a: ordering.filter(even), b: ordering.filter((id) => !even(id)) },
  } satisfies Fixtures;
}
