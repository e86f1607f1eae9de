import "server-only";
/**
 * Registering a passkey: options for the browser and verification of its answer. Used by a
 * signed-in customer adding a passkey and by the passkey-only sign-up (passkey-sign-up.ts).
 * Functions take the Prisma client so tests can run them against two clients (two instances).
 */
import { randomBytes } from "node:crypto";
import {
  generateRegistrationOptions,
  verifyRegistrationResponse,
  type PublicKeyCredentialCreationOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { withTransientRetry } from "@/lib/db/db-retry";
import { requireProvenAddress } from "@/lib/server/identity/mailbox-proof";
import { passkeyDefaultName } from "./aaguid-names";
import { consumeChallenge, issueChallenge } from "./challenges";
import { relyingParty } from "./relying-party";
import { db, db as defaultDb, type Tx } from "@/lib/db";

type Transport = NonNullable<RegistrationResponseJSON["response"]["transports"]>[number];

export function newWebAuthnUserId(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * The user's WebAuthn user handle, created on first use. Conditional write: two concurrent first
 * registrations agree on one handle, so an authenticator replaces rather than duplicates entries.
 */
export async function ensureWebAuthnUserId(
  userId: string,
  { tx: db = defaultDb }: { tx?: Tx } = {},
): Promise<string> {
  await withTransientRetry(() =>
    db.user.updateMany({
      where: { id: userId, webauthnUserId: null },
      data: { webauthnUserId: newWebAuthnUserId() },
    }),
  );
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { webauthnUserId: true } });
  if (!user.webauthnUserId) throw new Error("webauthnUserId missing after ensure");
  return user.webauthnUserId;
}

/** Options shared by both registration paths: discoverable credential, UV preferred. */
export async function buildRegistrationOptions(opts: {
  webauthnUserId: string;
  userName: string;
  displayName: string;
  exclude: { credentialId: string; transports: Transport[] }[];
}): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const rp = relyingParty();
  return generateRegistrationOptions({
    rpID: rp.rpID,
    rpName: rp.rpName,
    userID: new Uint8Array(Buffer.from(opts.webauthnUserId, "base64url")),
    userName: opts.userName,
    userDisplayName: opts.displayName,
    attestationType: "none",
    excludeCredentials: opts.exclude.map((c) => ({ id: c.credentialId, transports: c.transports })),
    authenticatorSelection: { residentKey: "required", userVerification: "preferred" },
  });
}

export function transportsOf(value: unknown): Transport[] {
  return Array.isArray(value) ? value.filter((t): t is Transport => typeof t === "string") : [];
}

/**
 * Registration options for a signed-in user; the challenge is stored bound to that user. Refused
 * while the address is unproven (no challenge, so no ceremony can finish; decision 0018).
 */
export async function passkeyRegistrationOptions(
  user: { id: string; email: string; displayName: string | null },
  { tx: db = defaultDb }: { tx?: Tx } = {},
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  await requireProvenAddress(user.id, { tx: db });
  const webauthnUserId = await ensureWebAuthnUserId(user.id, { tx: db });
  const existing = await db.passkey.findMany({
    where: { userId: user.id },
    select: { credentialId: true, transports: true },
  });
  const options = await buildRegistrationOptions({
    webauthnUserId,
    userName: user.email,
    displayName: user.displayName ?? user.email,
    exclude: existing.map((p) => ({ credentialId: p.credentialId, transports: transportsOf(p.transports) })),
  });
  await issueChallenge(
    { purpose: "REGISTRATION", challenge: options.challenge, userId: user.id },
    { tx: db },
  );
  return options;
}

export type VerifiedPasskey = {
  credentialId: string;
  publicKey: Uint8Array;
  counter: number;
  transports: Transport[];
  deviceType: "SINGLE_DEVICE" | "MULTI_DEVICE";
  backedUp: boolean;
  aaguid: string;
  userVerified: boolean;
};

/**
 * Verifies the browser's answer against a REGISTRATION challenge of `challengeUserId` (null for a
 * sign-up), consuming the challenge. Returns null for anything that does not verify.
 */
export async function verifyPasskeyRegistration(
  opts: {
    response: RegistrationResponseJSON;
    challengeUserId: string | null;
    /** When the caller already knows which challenge it issued (sign-up), only that one passes. */
    expectedChallenge?: string;
  },
  { tx: db = defaultDb }: { tx?: Tx } = {},
): Promise<VerifiedPasskey | null> {
  const rp = relyingParty();
  try {
    const result = await verifyRegistrationResponse({
      response: opts.response,
      expectedChallenge: async (challenge) =>
        (opts.expectedChallenge === undefined || challenge === opts.expectedChallenge) &&
        consumeChallenge({ challenge, purpose: "REGISTRATION", userId: opts.challengeUserId }, { tx: db }),
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      requireUserVerification: false,
    });
    if (!result.verified) return null;
    const info = result.registrationInfo;
    return {
      credentialId: info.credential.id,
      publicKey: info.credential.publicKey,
      counter: info.credential.counter,
      transports: info.credential.transports ?? opts.response.response.transports ?? [],
      deviceType: info.credentialDeviceType === "multiDevice" ? "MULTI_DEVICE" : "SINGLE_DEVICE",
      backedUp: info.credentialBackedUp,
      aaguid: info.aaguid,
      userVerified: info.userVerified,
    };
  } catch {
    // Malformed or forged responses throw; to the caller they are simply "not verified".
    return null;
  }
}

/**
 * Stores a verified passkey for the user, named after its authenticator model or else the browser
 * that created it, in the customer's language.
 */
export async function storePasskey(
  {
    userId,
    passkey,
    client,
  }: { userId: string; passkey: VerifiedPasskey; client?: { browser: string | null; os: string | null } },
  { tx = db }: { tx?: Tx } = {},
) {
  const user = await tx.user.findUnique({ where: { id: userId }, select: { locale: true } });
  return tx.passkey.create({
    data: {
      userId,
      credentialId: passkey.credentialId,
      publicKey: new Uint8Array(passkey.publicKey),
      counter: BigInt(passkey.counter),
      transports: passkey.transports,
      deviceType: passkey.deviceType,
      backedUp: passkey.backedUp,
      aaguid: passkey.aaguid,
      name: passkeyDefaultName({ aaguid: passkey.aaguid, client, locale: user?.locale }),
    },
    select: { id: true, name: true },
  });
}
