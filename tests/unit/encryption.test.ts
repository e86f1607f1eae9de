import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  DecryptionError,
  decryptWithKeys,
  encryptWithKey,
  envelopeKeyId,
} from "@/lib/server/crypto/encryption";

const key = (id: string) => ({ id, key: randomBytes(32) });
const current = key("current00001");
const previous = key("previous0001");

/** Flips one bit of the base64url part at `index` (2: iv, 3: ciphertext+tag). */
function tamper(envelope: string, index: number): string {
  const parts = envelope.split(".");
  const bytes = Buffer.from(parts[index]!, "base64url");
  bytes[0] = bytes[0]! ^ 0x01;
  parts[index] = bytes.toString("base64url");
  return parts.join(".");
}

describe("AES-256-GCM envelopes", () => {
  it("round-trips text, including non-ASCII, in the v1 format", () => {
    const plaintext = "DE89 3704 0044 0532 0130 00 — Müller";
    const envelope = encryptWithKey(plaintext, current);
    expect(envelope).toMatch(/^v1\.current00001\.[\w-]+\.[\w-]+$/);
    expect(envelopeKeyId(envelope)).toBe("current00001");
    expect(decryptWithKeys(envelope, [current])).toBe(plaintext);
  });

  it("uses a fresh IV each time", () => {
    expect(encryptWithKey("same", current)).not.toBe(encryptWithKey("same", current));
  });

  it("opens values sealed with a previous key during a rotation", () => {
    const old = encryptWithKey("secret", previous);
    expect(decryptWithKeys(old, [current, previous])).toBe("secret");
  });

  it("detects tampering with the ciphertext or the IV", () => {
    const envelope = encryptWithKey("secret", current);
    expect(() => decryptWithKeys(tamper(envelope, 3), [current])).toThrow(DecryptionError);
    expect(() => decryptWithKeys(tamper(envelope, 2), [current])).toThrow(DecryptionError);
  });

  it("refuses an unknown key id, a relabelled key id and malformed envelopes", () => {
    const envelope = encryptWithKey("secret", current);
    expect(() => decryptWithKeys(envelope, [previous])).toThrow(/no key with id/);
    // Same key material under another id: the id is authenticated data, so the tag fails.
    const relabelled = envelope.replace("current00001", "other0000001");
    expect(() => decryptWithKeys(relabelled, [{ id: "other0000001", key: current.key }])).toThrow(
      /authentication failed/,
    );
    for (const bad of ["", "v2.current00001.a.b", "v1.current00001.only-three", "v1.current00001.AA.AA"]) {
      expect(() => decryptWithKeys(bad, [current])).toThrow(DecryptionError);
    }
  });
});
