/**
 * VAPID key pairs (RFC 8292): an ECDSA P-256 pair in the Web Push wire format, base64url without
 * padding: the public key as the 65-byte uncompressed point, the private key as the 32-byte scalar.
 * Plain module (no `server-only`): lib/env, lib/env/local-secrets.ts and scripts/generate-vapid-keys.ts
 * use it outside Next.js. It holds no state and reads no environment.
 */
import { createECDH, ECDH } from "node:crypto";

export type VapidKeyPair = { publicKey: string; privateKey: string };

const BASE64URL = /^[A-Za-z0-9_-]+$/;

function decode(value: string): Buffer | null {
  return BASE64URL.test(value) ? Buffer.from(value, "base64url") : null;
}

function leftPad(bytes: Buffer, length: number): Buffer {
  return bytes.length >= length ? bytes : Buffer.concat([Buffer.alloc(length - bytes.length), bytes]);
}

/** A fresh pair; the private scalar is left-padded to 32 bytes (Node drops leading zero bytes). */
export function generateVapidKeys(): VapidKeyPair {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  return {
    publicKey: ecdh.getPublicKey().toString("base64url"),
    privateKey: leftPad(ecdh.getPrivateKey(), 32).toString("base64url"),
  };
}

/** Why the value is not a VAPID public key, or null when it is one. */
export function vapidPublicKeyProblem(value: string): string | null {
  const bytes = decode(value.trim());
  if (!bytes || bytes.length !== 65 || bytes[0] !== 0x04)
    return "must be a P-256 public key: 65 bytes (uncompressed point) in base64url, e.g. from `npm run push:keys`";
  try {
    // Throws for a point that is not on the curve.
    ECDH.convertKey(bytes, "prime256v1", undefined, undefined, "compressed");
  } catch {
    return "is not a point on the P-256 curve; generate a pair with `npm run push:keys`";
  }
  return null;
}

/** Why the value is not a VAPID private key, or null when it is one. */
export function vapidPrivateKeyProblem(value: string): string | null {
  const bytes = decode(value.trim());
  if (!bytes || bytes.length !== 32)
    return "must be a P-256 private key: 32 bytes in base64url, e.g. from `npm run push:keys`";
  return null;
}

/** Whether the public key belongs to the private key (a swapped or mixed-up pair fails here). */
export function vapidKeysMatch(pair: VapidKeyPair): boolean {
  try {
    const ecdh = createECDH("prime256v1");
    ecdh.setPrivateKey(Buffer.from(pair.privateKey.trim(), "base64url"));
    return ecdh.getPublicKey().equals(Buffer.from(pair.publicKey.trim(), "base64url"));
  } catch {
    return false;
  }
}

/** Why the value is not a VAPID subject (RFC 8292 §2.1: mailto: or https:), or null. */
export function vapidSubjectProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return 'must be a mailto: or https: URL, e.g. "mailto:push@example.de"';
  }
  if (url.protocol === "mailto:" && /^[^@\s]+@[^@\s]+$/.test(url.pathname)) return null;
  if (url.protocol === "https:" && url.hostname !== "") return null;
  return 'must be a mailto: address or an https: URL, e.g. "mailto:push@example.de"';
}
