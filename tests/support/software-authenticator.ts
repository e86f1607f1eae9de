/**
 * A WebAuthn authenticator in software for integration tests: one P-256 credential that registers
 * ("none" attestation) and signs assertions as a real authenticator would, so the server's
 * verification runs unchanged.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "@simplewebauthn/server";
import { isoCBOR } from "@simplewebauthn/server/helpers";
import { relyingParty } from "@/lib/server/passkeys/relying-party";

/** Signs assertions as an authenticator holding one P-256 credential would (WebAuthn §6.3.3). */
export class SoftwareAuthenticator {
  readonly credentialId = randomBytes(16).toString("base64url");
  readonly publicKey: Uint8Array<ArrayBuffer>;
  private readonly privateKey: KeyObject;
  private counter = 0;

  constructor() {
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

  /**
   * The answer to navigator.credentials.create() for `challenge`: attested credential data with
   * this key, "none" attestation (as the portal asks for), user present and verified.
   */
  register(challenge: string): RegistrationResponseJSON {
    const rp = relyingParty();
    const clientData = Buffer.from(JSON.stringify({ type: "webauthn.create", challenge, origin: rp.origin }));
    const credentialId = Buffer.from(this.credentialId, "base64url");
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(credentialId.length);
    const authData = Buffer.concat([
      createHash("sha256").update(rp.rpID).digest(),
      Buffer.from([0x01 | 0x04 | 0x40]), // UP, UV, AT (attested credential data follows)
      Buffer.alloc(4), // signature counter 0
      Buffer.alloc(16), // AAGUID: none
      idLength,
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
      response: {
        clientDataJSON: clientData.toString("base64url"),
        attestationObject: Buffer.from(attestationObject).toString("base64url"),
        transports: ["internal"],
      },
    };
  }

  /** `userHandle`: the account's WebAuthn user handle, which a discoverable credential returns. */
  assert(
    challenge: string,
    opts: { userVerified?: boolean; userHandle?: string } = {},
  ): AuthenticationResponseJSON {
    const rp = relyingParty();
    const clientData = Buffer.from(JSON.stringify({ type: "webauthn.get", challenge, origin: rp.origin }));
    const flags = 0x01 | (opts.userVerified === false ? 0 : 0x04); // UP, UV
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(++this.counter);
    const authData = Buffer.concat([
      createHash("sha256").update(rp.rpID).digest(),
      Buffer.from([flags]),
      counter,
    ]);
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
