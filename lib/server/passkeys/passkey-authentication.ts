import "server-only";
/**
 * Signing in with a passkey: usernameless options (empty allowCredentials, so the browser offers
 * every discoverable passkey for this site, also through autofill) and verification of the
 * assertion. Functions take the Prisma client so tests can play two app instances.
 */
import {
  generateAuthenticationOptions,
  verifyAuthenticationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/server";
import type { Role } from "@/lib/config/roles";
import { withTransientRetry } from "@/lib/db/db-retry";
import { consumeChallenge, issueChallenge } from "./challenges";
import { transportsOf } from "./passkey-registration";
import { relyingParty } from "./relying-party";
import { db as defaultDb, type Tx } from "@/lib/db";

export async function passkeyAuthenticationOptions({
  tx: db = defaultDb,
}: { tx?: Tx } = {}): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const options = await generateAuthenticationOptions({
    rpID: relyingParty().rpID,
    allowCredentials: [],
    userVerification: "preferred",
  });
  // No user yet: the assertion names the user through its credential and user handle.
  await issueChallenge({ purpose: "AUTHENTICATION", challenge: options.challenge, userId: null }, { tx: db });
  return options;
}

export type AssertionUser = {
  id: string;
  email: string;
  emailNormalized: string;
  locale: string;
  status: string;
  /** What decides whether a sign-in without user verification needs a second factor. */
  roles: { role: Role }[];
  totpFactor: { confirmedAt: Date | null } | null;
};

export type VerifiedAssertion =
  | { ok: true; user: AssertionUser; passkeyId: string; userVerified: boolean }
  /** `userId` is set when the credential belongs to a known user (for the history). */
  | { ok: false; userId: string | null };

/**
 * Verifies an assertion: known credential, user handle of its owner, signature over an unused
 * AUTHENTICATION challenge from this database, then records the use (counter, backup state).
 */
export async function verifyPasskeyAssertion(
  {
    response,
    now = new Date(),
    stepUpUserId,
  }: {
    response: AuthenticationResponseJSON;
    now?: Date;
    /** STEP_UP: the challenge was issued to this user inside their session (see identity/step-up.ts). */ stepUpUserId?: string;
  },
  { tx: db = defaultDb }: { tx?: Tx } = {},
): Promise<VerifiedAssertion> {
  const passkey = await db.passkey.findUnique({
    where: { credentialId: response.id },
    include: {
      user: {
        select: {
          id: true,
          email: true,
          emailNormalized: true,
          locale: true,
          status: true,
          webauthnUserId: true,
          roles: { select: { role: true } },
          totpFactor: { select: { confirmedAt: true } },
        },
      },
    },
  });
  if (!passkey) return { ok: false, userId: null };
  if (stepUpUserId && passkey.userId !== stepUpUserId) return { ok: false, userId: stepUpUserId };
  const { webauthnUserId, ...user } = passkey.user;
  // A discoverable credential must name its user; a mismatch means a credential record moved.
  if (!webauthnUserId || response.response.userHandle !== webauthnUserId)
    return { ok: false, userId: user.id };

  const rp = relyingParty();
  try {
    const result = await verifyAuthenticationResponse({
      response,
      expectedChallenge: (challenge) =>
        consumeChallenge(
          stepUpUserId
            ? { challenge, purpose: "STEP_UP", userId: stepUpUserId, now }
            : { challenge, purpose: "AUTHENTICATION", now },
          { tx: db },
        ),
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      credential: {
        id: passkey.credentialId,
        publicKey: new Uint8Array(passkey.publicKey),
        counter: Number(passkey.counter),
        transports: transportsOf(passkey.transports),
      },
      // Not required: a security key without PIN still signs in, at AAL1 (see docs/decisions/0006).
      requireUserVerification: false,
    });
    if (!result.verified) return { ok: false, userId: user.id };
    await recordPasskeyUse(
      {
        passkeyId: passkey.id,
        newCounter: result.authenticationInfo.newCounter,
        backedUp: result.authenticationInfo.credentialBackedUp,
        now,
      },
      { tx: db },
    );
    return { ok: true, user, passkeyId: passkey.id, userVerified: result.authenticationInfo.userVerified };
  } catch {
    // Bad signature, replayed/expired challenge, counter regression: all simply "not verified".
    return { ok: false, userId: user.id };
  }
}

/**
 * Records a verified use. The counter only moves up (conditional update), so two instances
 * verifying assertions at once keep the highest value whatever order their writes land in.
 */
export async function recordPasskeyUse(
  opts: { passkeyId: string; newCounter: number; backedUp: boolean; now?: Date },
  { tx: db = defaultDb }: { tx?: Tx } = {},
): Promise<void> {
  const counter = BigInt(opts.newCounter);
  await withTransientRetry(() =>
    db.passkey.updateMany({ where: { id: opts.passkeyId, counter: { lt: counter } }, data: { counter } }),
  );
  await withTransientRetry(() =>
    db.passkey.update({
      where: { id: opts.passkeyId },
      data: { backedUp: opts.backedUp, lastUsedAt: opts.now ?? new Date() },
    }),
  );
}
