/**
 * A local stand-in for a browser's push service (FCM, Mozilla autopush …), started by a spec on a
 * free port on 127.0.0.1. It issues subscriptions whose keys the TEST holds (an ECDH P-256 pair and
 * a 16-byte auth secret, as a browser would), and accepts a push only as a real service would:
 * - `Authorization: vapid t=<JWT>, k=<public key>` (RFC 8292): ES256 signature valid for k,
 *   `aud` = this service's origin, `exp` in the future and at most 24 h ahead, `sub` mailto:/https:,
 *   and k the application server key the subscription was bound to (when the test bound one);
 * - `Content-Encoding: aes128gcm` and a TTL header; the body decrypts (RFC 8291) with the
 *   subscription's private key and auth secret.
 * Accepted pushes are recorded with their plaintext (201); anything else is recorded as rejected
 * with the reason and answered 400/401/403. A subscription marked gone answers 410.
 */
import { createECDH, createPublicKey, randomBytes, randomUUID, verify, type ECDH } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";

type Ece = {
  decrypt(buffer: Buffer, params: { version: "aes128gcm"; privateKey: ECDH; authSecret: Buffer }): Buffer;
};
const ece = createRequire(import.meta.url)("http_ece") as Ece;

export type TestSubscription = {
  id: string;
  endpoint: string;
  /** What PushSubscription.toJSON().keys holds: base64url, no padding. */
  keys: { p256dh: string; auth: string };
};

export type ReceivedPush = {
  subscriptionId: string;
  plaintext: string;
  ttl: string;
  urgency: string | null;
  vapid: { aud: string; sub: string; exp: number; publicKey: string };
};

export type RejectedPush = { subscriptionId: string; status: number; reason: string };

type Entry = { id: string; ecdh: ECDH; authSecret: Buffer; serverKey?: string; gone: boolean };

export type PushService = {
  origin: string;
  createSubscription(): TestSubscription;
  /** Accept only pushes signed with this VAPID public key (as the browser bound it at subscribe). */
  bindServerKey(subscriptionId: string, publicKey: string): void;
  /** From now on answer 410 Gone, as for a subscription the browser dropped. */
  markGone(subscriptionId: string): void;
  received(subscriptionId?: string): ReceivedPush[];
  rejected(): RejectedPush[];
  close(): Promise<void>;
};

class Rejection extends Error {
  constructor(
    readonly status: number,
    reason: string,
  ) {
    super(reason);
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function publicKeyFromRaw(raw: Buffer) {
  if (raw.length !== 65 || raw[0] !== 0x04) throw new Rejection(401, "k is not an uncompressed P-256 point");
  return createPublicKey({
    key: {
      kty: "EC",
      crv: "P-256",
      x: raw.subarray(1, 33).toString("base64url"),
      y: raw.subarray(33, 65).toString("base64url"),
    },
    format: "jwk",
  });
}

/** Checks the VAPID Authorization header (RFC 8292 §3) and returns its claims. */
function verifyVapid(header: string | undefined, origin: string, entry: Entry): ReceivedPush["vapid"] {
  const match = /^vapid t=([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+),\s*k=([A-Za-z0-9_-]+)$/.exec(
    header ?? "",
  );
  if (!match) throw new Rejection(401, `no vapid Authorization header (got "${header ?? ""}")`);
  const [, jwt, k] = match as unknown as [string, string, string];
  const [encodedHeader, encodedClaims, encodedSignature] = jwt.split(".") as [string, string, string];
  const jose = JSON.parse(Buffer.from(encodedHeader, "base64url").toString("utf8")) as { alg?: string };
  if (jose.alg !== "ES256") throw new Rejection(401, `JWT alg is ${jose.alg}, not ES256`);
  const signatureValid = verify(
    "sha256",
    Buffer.from(`${encodedHeader}.${encodedClaims}`),
    { key: publicKeyFromRaw(Buffer.from(k, "base64url")), dsaEncoding: "ieee-p1363" },
    Buffer.from(encodedSignature, "base64url"),
  );
  if (!signatureValid) throw new Rejection(401, "JWT signature does not verify with k");
  const claims = JSON.parse(Buffer.from(encodedClaims, "base64url").toString("utf8")) as {
    aud?: string;
    sub?: string;
    exp?: number;
  };
  const now = Math.floor(Date.now() / 1000);
  if (claims.aud !== origin) throw new Rejection(401, `aud is ${claims.aud}, not ${origin}`);
  if (typeof claims.exp !== "number" || claims.exp <= now || claims.exp > now + 24 * 3600)
    throw new Rejection(401, `exp ${claims.exp} is not within the next 24 hours`);
  if (typeof claims.sub !== "string" || !/^(mailto:|https:)/.test(claims.sub))
    throw new Rejection(401, `sub ${claims.sub} is not a mailto: or https: URL`);
  if (entry.serverKey && entry.serverKey !== k)
    throw new Rejection(403, "k is not the application server key of this subscription");
  return { aud: claims.aud, sub: claims.sub, exp: claims.exp, publicKey: k };
}

export async function startPushService(): Promise<PushService> {
  const entries = new Map<string, Entry>();
  const received: ReceivedPush[] = [];
  const rejected: RejectedPush[] = [];
  let origin = "";

  const server = createServer(async (req, res) => {
    const id = /^\/push\/([\w-]+)$/.exec(req.url ?? "")?.[1] ?? "";
    const body = await readBody(req);
    const entry = entries.get(id);
    if (req.method !== "POST" || !entry) {
      res.writeHead(404).end();
      return;
    }
    if (entry.gone) {
      res.writeHead(410).end();
      return;
    }
    try {
      const vapid = verifyVapid(req.headers.authorization, origin, entry);
      if (req.headers["content-encoding"] !== "aes128gcm")
        throw new Rejection(400, `Content-Encoding is ${req.headers["content-encoding"]}`);
      const ttl = req.headers.ttl;
      if (typeof ttl !== "string" || !/^\d+$/.test(ttl)) throw new Rejection(400, "TTL header missing");
      let plaintext: string;
      try {
        plaintext = ece
          .decrypt(body, { version: "aes128gcm", privateKey: entry.ecdh, authSecret: entry.authSecret })
          .toString("utf8");
      } catch (error) {
        throw new Rejection(400, `payload does not decrypt: ${String(error)}`);
      }
      const urgency = req.headers.urgency;
      received.push({
        subscriptionId: id,
        plaintext,
        ttl,
        urgency: typeof urgency === "string" ? urgency : null,
        vapid,
      });
      res.writeHead(201, { location: `${origin}/message/${randomUUID()}` }).end();
    } catch (error) {
      const status = error instanceof Rejection ? error.status : 500;
      rejected.push({ subscriptionId: id, status, reason: String(error) });
      res.writeHead(status).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    createSubscription() {
      const ecdh = createECDH("prime256v1");
      ecdh.generateKeys();
      const id = randomUUID();
      const authSecret = randomBytes(16);
      entries.set(id, { id, ecdh, authSecret, gone: false });
      return {
        id,
        endpoint: `${origin}/push/${id}`,
        keys: { p256dh: ecdh.getPublicKey().toString("base64url"), auth: authSecret.toString("base64url") },
      };
    },
    bindServerKey(subscriptionId, publicKey) {
      const entry = entries.get(subscriptionId);
      if (!entry) throw new Error(`unknown subscription ${subscriptionId}`);
      entry.serverKey = publicKey;
    },
    markGone(subscriptionId) {
      const entry = entries.get(subscriptionId);
      if (!entry) throw new Error(`unknown subscription ${subscriptionId}`);
      entry.gone = true;
    },
    received: (subscriptionId) =>
      received.filter((r) => !subscriptionId || r.subscriptionId === subscriptionId),
    rejected: () => [...rejected],
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
