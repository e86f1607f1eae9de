/**
 * A passkey in software for HTTP-level attacks: registers (attestation "none") and signs
 * assertions the way an authenticator does, so the server's @simplewebauthn verification runs
 * unchanged. Like tests/support/software-authenticator.ts, but for a given origin, because the
 * attack suite runs outside the server's environment.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import { isoCBOR } from "@simplewebauthn/server/helpers";
import { APP_ORIGIN } from "./portal-client";

const UP = 0x01;
const UV = 0x04;
const AT = 0x40;

export class SoftwarePasskey {
  readonly credentialId = randomBytes(16).toString("base64url");
  readonly publicKey: Uint8Array;
  private readonly privateKey: KeyObject;
  private counter = 0;

  constructor(readonly origin: string = APP_ORIGIN) {
    const pair = generateKeyPairSync("ec", { namedCurve: "P-256" });
    this.privateKey = pair.privateKey;
    const jwk = pair.publicKey.export({ format: "jwk" });
    // COSE_Key: kty EC2 (2), alg ES256 (-7), crv P-256 (1), x, y.
    this.publicKey = new Uint8Array(
      isoCBOR.encode(
        new Map<number, number | Uint8Array>([
          [1, 2],
          [3, -7],
          [-1, 1],
          [-2, Buffer.from(jwk.x ?? "", "base64url")],
          [-3, Buffer.from(jwk.y ?? "", "base64url")],
        ]),
      ),
    );
  }

  private rpIdHash(): Buffer {
    return createHash("sha256").update(new URL(this.origin).hostname).digest();
  }

  private clientData(type: "webauthn.create" | "webauthn.get", challenge: string): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin: this.origin, crossOrigin: false }));
  }

  /** The browser's answer to navigator.credentials.create() for these options' challenge. */
  register(challenge: string) {
    const credentialId = Buffer.from(this.credentialId, "base64url");
    const length = Buffer.alloc(2);
    length.writeUInt16BE(credentialId.length);
    const authData = Buffer.concat([
      this.rpIdHash(),
      Buffer.from([UP | UV | AT]),
      Buffer.alloc(4),
      Buffer.alloc(16), // AAGUID: none
      length,
      credentialId,
      Buffer.from(this.publicKey),
    ]);
    const attestationObject = isoCBOR.encode(
      new Map<string, unknown>([
        ["fmt", "none"],
        ["attStmt", new Map()],
        ["authData", new Uint8Array(authData)],
      ]) as never,
    );
    return {
      id: this.credentialId,
      rawId: this.credentialId,
      type: "public-key",
      clientExtensionResults: {},
      authenticatorAttachment: "platform",
      response: {
        clientDataJSON: this.clientData("webauthn.create", challenge).toString("base64url"),
        attestationObject: Buffer.from(attestationObject).toString("base64url"),
        transports: ["internal"],
      },
    };
  }

  /** The browser's answer to navigator.credentials.get(); `userHandle` for discoverable sign-in. */
  assert(challenge: string, opts: { userHandle?: string; userVerified?: boolean } = {}) {
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(++this.counter);
    const authData = Buffer.concat([
      this.rpIdHash(),
      Buffer.from([UP | (opts.userVerified === false ? 0 : UV)]),
      counter,
    ]);
    const clientData = this.clientData("webauthn.get", challenge);
    const signature = sign(
      "sha256",
      Buffer.concat([authData, createHash("sha256").update(clientData).digest()]),
      this.privateKey,
    );
    return {
      id: this.credentialId,
      rawId: this.credentialId,
      type: "public-key",
      clientExtensionResults: {},
      response: {
        clientDataJSON: clientData.toString("base64url"),
        authenticatorData: authData.toString("base64url"),
        signature: signature.toString("base64url"),
        ...(opts.userHandle ? { userHandle: opts.userHandle } : {}),
      },
    };
  }
}
