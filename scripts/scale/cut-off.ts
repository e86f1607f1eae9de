/**
 * Check 4: "saved but reported as failed". The client sends a whole write through nginx and hangs
 * up without reading the answer once the write is committed (so the retry really follows a
 * committed write whose answer was lost), then retries with the same Idempotency-Key: the retry
 * is acknowledged as a replay and the order exists once, written once.
 */
import net from "node:net";
import pg from "pg";
import type { Proxy } from "./cluster";
import type { CheckLine } from "./shared-state";
import {
  newTally,
  newWrite,
  verifyExactlyOnce,
  writeUntilAcknowledged,
  type Plan,
  type Write,
} from "./writes";

const CUTS = 3;

/**
 * Sends the whole request and hangs up, without reading a byte of the answer, once the write is
 * in the database (`stored` polls it): hanging up right after sending would let nginx drop the
 * request before passing it on (the client was gone), which is a write that never happened.
 */
async function sendAndHangUp(
  baseUrl: string,
  write: Write,
  stored: () => Promise<boolean>,
): Promise<boolean> {
  const url = new URL(baseUrl);
  const body = Buffer.from(write.body);
  const head = [
    `PUT /api/v1/orders/${write.shopOrderId} HTTP/1.1`,
    `Host: ${url.host}`,
    `Authorization: Bearer ${write.apiKey}`,
    "Content-Type: application/json",
    `Content-Length: ${body.length}`,
    `Idempotency-Key: ${write.idempotencyKey}`,
    "X-Forwarded-For: 10.254.0.1",
    "",
    "",
  ].join("\r\n");
  const socket = net.connect(Number(url.port), url.hostname);
  socket.on("error", () => {}); // the hang-up is ours
  socket.pause(); // the answer is never read
  await new Promise<void>((resolve) => socket.once("connect", resolve));
  await new Promise<void>((resolve) =>
    socket.write(Buffer.concat([Buffer.from(head), body]), () => resolve()),
  );
  const wasStored = await stored();
  socket.destroy();
  return wasStored;
}

async function untilStored(client: pg.Client, shopOrderId: string, timeoutMs = 15_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { rowCount } = await client.query(`SELECT 1 FROM "Order" WHERE "shopOrderId" = $1`, [shopOrderId]);
    if (rowCount) return true;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return false;
}

export async function checkCutOffRetry(opts: {
  databaseUrl: string;
  proxy: Proxy;
  plan: Plan;
}): Promise<CheckLine[]> {
  const prefix = "CUTOFF";
  const tally = newTally();
  let storedBeforeRetry = 0;
  const client = new pg.Client({ connectionString: opts.databaseUrl });
  await client.connect();
  try {
    for (let n = 0; n < CUTS; n++) {
      const write = newWrite(prefix, opts.plan.apiKeys[n]!, opts.plan.customers[n]!);
      if (await sendAndHangUp(opts.proxy.rr, write, () => untilStored(client, write.shopOrderId)))
        storedBeforeRetry++;
      await writeUntilAcknowledged({ url: opts.proxy.rr, ip: "10.254.0.1" }, write, tally);
    }
  } finally {
    await client.end();
  }
  const result = await verifyExactlyOnce(
    opts.databaseUrl,
    prefix,
    tally.acknowledged.map((a) => a.shopOrderId),
  );
  return [
    {
      ok:
        storedBeforeRetry === CUTS &&
        tally.replays === CUTS &&
        result.lost === 0 &&
        result.duplicated === 0 &&
        result.stray === 0,
      line: `cut-off responses: ${CUTS} writes hung up after sending, ${storedBeforeRetry} stored before the retry; the retries with the same key: ${tally.replays} replays; ${result.lost} lost, ${result.duplicated} duplicated`,
    },
  ];
}
