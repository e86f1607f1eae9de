/**
 * The scale test's write load: shop integrations calling PUT /api/v1/orders/{shopOrderId} with an
 * Idempotency-Key (decision 0061), as a careful client does. A write that fails, times out or is
 * cut off is sent again with the SAME key and body until it is acknowledged (201, or its replay);
 * only an acknowledgement counts. Afterwards `verifyExactlyOnce` checks the database: every
 * acknowledged order exists once, and it was written once (one `order.created`, no
 * `order.updated`: a retry that ran the write again would have upserted it a second time).
 */
import { randomUUID } from "node:crypto";
import pg from "pg";

export type Target = { url: string; ip: string };
export type Plan = { apiKeys: string[]; customers: string[] };

const RETRY_PAUSE_MS = 250;
/** Longer than a PostgreSQL outage plus the 60 s lease of an abandoned key (claim-key.ts). */
const GIVE_UP_MS = 120_000;
const REQUEST_TIMEOUT_MS = 15_000;

export function orderBody(customerId: string) {
  const address = {
    name: "Erika Mustermann",
    street: "Hauptstraße 1",
    postalCode: "10115",
    city: "Berlin",
    country: "DE",
  };
  return {
    customer: { id: customerId },
    status: "ORDERED",
    placedAt: "2026-12-01T09:30:00+01:00",
    currency: "EUR",
    items: [{ sku: "TSH-42", name: "T-Shirt", quantity: 2, unitPriceMinor: 1999, totalMinor: 3998 }],
    totals: { subtotalMinor: 3998, shippingMinor: 495, taxMinor: 717, totalMinor: 4493 },
    payment: { method: "card", last4: "4242" },
    billingAddress: address,
    shippingAddress: address,
  };
}

export type Write = { shopOrderId: string; apiKey: string; idempotencyKey: string; body: string };

export function newWrite(prefix: string, apiKey: string, customerId: string): Write {
  return {
    shopOrderId: `${prefix}-${randomUUID().slice(0, 13)}`,
    apiKey,
    idempotencyKey: randomUUID(),
    body: JSON.stringify(orderBody(customerId)),
  };
}

/** One attempt; the status, or 0 when no answer came (refused, reset, timed out). */
export async function sendWrite(target: Target, write: Write, timeoutMs = REQUEST_TIMEOUT_MS) {
  try {
    const response = await fetch(`${target.url}/api/v1/orders/${write.shopOrderId}`, {
      method: "PUT",
      headers: {
        authorization: `Bearer ${write.apiKey}`,
        "content-type": "application/json",
        "idempotency-key": write.idempotencyKey,
        "x-forwarded-for": target.ip,
      },
      body: write.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    return {
      status: response.status,
      replayed: response.headers.get("idempotent-replayed") === "true",
      text,
    };
  } catch {
    return { status: 0, replayed: false, text: "" };
  }
}

/** Sends until acknowledged; throws on an answer no retry can change (a bug, not an outage). */
export async function writeUntilAcknowledged(target: Target, write: Write, tally: Tally): Promise<void> {
  const started = Date.now();
  for (;;) {
    const answer = await sendWrite(target, write);
    tally.statuses.set(answer.status, (tally.statuses.get(answer.status) ?? 0) + 1);
    if (answer.status === 201 || answer.status === 200) {
      tally.acknowledged.push({ shopOrderId: write.shopOrderId, at: Date.now(), target: target.url });
      if (answer.replayed) tally.replays++;
      return;
    }
    if (answer.status >= 400 && answer.status < 500 && answer.status !== 409 && answer.status !== 429)
      throw new Error(
        `write ${write.shopOrderId} refused with ${answer.status}: ${answer.text.slice(0, 200)}`,
      );
    if (Date.now() - started > GIVE_UP_MS)
      throw new Error(`write ${write.shopOrderId} not acknowledged within ${GIVE_UP_MS / 1000} s`);
    tally.retries++;
    await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS));
  }
}

export type Tally = {
  acknowledged: { shopOrderId: string; at: number; target: string }[];
  statuses: Map<number, number>;
  retries: number;
  replays: number;
};

export const newTally = (): Tally => ({ acknowledged: [], statuses: new Map(), retries: 0, replays: 0 });

/**
 * `writers` loops, writer i on targets[i % targets.length], each write with the next API key and
 * a random customer of the plan. `stop()` lets every writer finish (acknowledge) its current write.
 */
export function startLoad(opts: {
  prefix: string;
  writers: number;
  targets: Target[];
  plan: Plan;
  tally: Tally;
}) {
  let running = true;
  let failure: Error | null = null;
  let next = 0;
  const loops = Array.from({ length: opts.writers }, async (_, i) => {
    const target = opts.targets[i % opts.targets.length]!;
    while (running && !failure) {
      const n = next++;
      const apiKey = opts.plan.apiKeys[n % opts.plan.apiKeys.length]!;
      const customer = opts.plan.customers[Math.floor(Math.random() * opts.plan.customers.length)]!;
      try {
        await writeUntilAcknowledged(target, newWrite(opts.prefix, apiKey, customer), opts.tally);
      } catch (error) {
        failure = error as Error;
      }
    }
  });
  return {
    async stop(): Promise<void> {
      running = false;
      await Promise.all(loops);
      if (failure) throw failure;
    },
  };
}

export type ExactlyOnce = { acknowledged: number; lost: number; duplicated: number; stray: number };

/** Every acknowledged order once, written once; `stray`: orders of the run nobody acknowledged. */
export async function verifyExactlyOnce(databaseUrl: string, prefix: string, acknowledged: string[]) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{
      shopOrderId: string;
      items: string;
      created: string;
      updated: string;
    }>(
      `SELECT o."shopOrderId",
              (SELECT count(*) FROM "OrderItem" i WHERE i."orderId" = o.id)::text AS items,
              (SELECT count(*) FROM "AuditEvent" e WHERE e."targetId" = o.id AND e.type = 'order.created')::text AS created,
              (SELECT count(*) FROM "AuditEvent" e WHERE e."targetId" = o.id AND e.type = 'order.updated')::text AS updated
         FROM "Order" o WHERE o."shopOrderId" LIKE $1`,
      [`${prefix}-%`],
    );
    const found = new Map(rows.map((row) => [row.shopOrderId, row]));
    const wanted = new Set(acknowledged);
    let lost = 0;
    let duplicated = 0;
    for (const id of wanted) {
      const row = found.get(id);
      if (!row) lost++;
      else if (row.items !== "1" || row.created !== "1" || row.updated !== "0") duplicated++;
    }
    const stray = rows.filter((row) => !wanted.has(row.shopOrderId)).length;
    return { acknowledged: wanted.size, lost, duplicated, stray } satisfies ExactlyOnce;
  } finally {
    await client.end();
  }
}

export const describeStatuses = (tally: Tally) =>
  [...tally.statuses]
    .sort(([a], [b]) => a - b)
    .map(([status, count]) => `${status || "no answer"}×${count}`)
    .join(", ");
