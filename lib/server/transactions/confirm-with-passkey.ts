import "server-only";
/**
 * Confirmation with a passkey: the options carry the challenge stored when the transaction was
 * created (derived from the details hash, kind and nonce), limited to the customer's own passkeys
 * and with user verification required. On the answer the server recomputes that challenge from
 * the stored details and requires the signed clientDataJSON to carry exactly it, so details
 * altered after display no longer match what the customer signed.
 */
import {
  generateAuthenticationOptions,
  verifyAuthenticationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/server";
import { decodeClientDataJSON, isoBase64URL } from "@simplewebauthn/server/helpers";
import { recordPasskeyUse } from "@/lib/server/passkeys/passkey-authentication";
import { transportsOf } from "@/lib/server/passkeys/passkey-registration";
import { relyingParty } from "@/lib/server/passkeys/relying-party";
import { deriveTransactionChallenge } from "./binding";
import {
  executeConfirmedTransaction,
  loadPendingTransaction,
  rejectTransaction,
  type ConfirmRequest,
  type ConfirmTransactionResult,
} from "./confirmation-steps";
import { db as defaultDb, type Db } from "@/lib/db";

/** Options for the browser, or null when there is nothing (left) to confirm in this session. */
export async function transactionPasskeyOptions(
  opts: { userId: string; sessionId: string; transactionId: string; now?: Date },
  { tx: db = defaultDb }: { tx?: Db } = {},
): Promise<PublicKeyCredentialRequestOptionsJSON | null> {
  const now = opts.now ?? new Date();
  const challenge = await db.webAuthnChallenge.findFirst({
    where: {
      purpose: "TRANSACTION",
      userId: opts.userId,
      consumedAt: null,
      expiresAt: { gt: now },
      transaction: {
        id: opts.transactionId,
        userId: opts.userId,
        sessionId: opts.sessionId,
        status: "PENDING",
        expiresAt: { gt: now },
      },
    },
    select: { challenge: true },
  });
  if (!challenge) return null;
  const passkeys = await db.passkey.findMany({
    where: { userId: opts.userId },
    select: { credentialId: true, transports: true },
  });
  if (passkeys.length === 0) return null;
  // Bytes, not the string: a string challenge would be UTF-8 encoded and change its value.
  return generateAuthenticationOptions({
    rpID: relyingParty().rpID,
    challenge: isoBase64URL.toBuffer(challenge.challenge),
    allowCredentials: passkeys.map((p) => ({ id: p.credentialId, transports: transportsOf(p.transports) })),
    // Confirming is a deliberate act by the holder: presence alone (a key without PIN) is not enough.
    userVerification: "required",
  });
}

function signedChallengeOf(response: AuthenticationResponseJSON): string | null {
  try {
    return decodeClientDataJSON(response.response.clientDataJSON).challenge;
  } catch {
    return null;
  }
}

export async function confirmTransactionWithPasskey(
  req: ConfirmRequest & { response: AuthenticationResponseJSON },
  { tx: db = defaultDb }: { tx?: Db } = {},
): Promise<ConfirmTransactionResult> {
  const loaded = await loadPendingTransaction({ req, method: "PASSKEY" }, { tx: db });
  if (!loaded.ok) return loaded;
  const { pending } = loaded;
  const reject = (reason: Parameters<typeof rejectTransaction>[0]["reason"]) =>
    rejectTransaction({ row: pending, method: "PASSKEY", reason, req }, { tx: db });
  const now = req.now ?? new Date();

  // Recomputed from the stored details, never read back from the challenge row.
  const expected = deriveTransactionChallenge(pending);
  if (signedChallengeOf(req.response) !== expected) return reject("challenge_mismatch");
  const challengeRow = await db.webAuthnChallenge.findFirst({
    where: {
      transactionId: pending.id,
      purpose: "TRANSACTION",
      challenge: expected,
      consumedAt: null,
      expiresAt: { gt: now },
    },
    select: { id: true },
  });
  if (!challengeRow) return reject("challenge_mismatch");

  const passkey = await db.passkey.findFirst({
    where: { credentialId: req.response.id, userId: req.userId },
  });
  if (!passkey) return reject("unknown_credential");
  const rp = relyingParty();
  let verified: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    verified = await verifyAuthenticationResponse({
      response: req.response,
      expectedChallenge: expected,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      credential: {
        id: passkey.credentialId,
        publicKey: new Uint8Array(passkey.publicKey),
        counter: Number(passkey.counter),
        transports: transportsOf(passkey.transports),
      },
      requireUserVerification: true,
    });
  } catch {
    return reject("signature_invalid");
  }
  if (!verified.verified) return reject("signature_invalid");

  const result = await executeConfirmedTransaction(
    {
      pending,
      method: "PASSKEY",
      req,
      // Single use, in the same transaction as the confirmation.
      claim: async (tx) => {
        const { count } = await tx.webAuthnChallenge.updateMany({
          where: { id: challengeRow.id, consumedAt: null },
          data: { consumedAt: now },
        });
        return count === 1;
      },
    },
    { tx: db },
  );
  if (result.ok) {
    await recordPasskeyUse(
      {
        passkeyId: passkey.id,
        newCounter: verified.authenticationInfo.newCounter,
        backedUp: verified.authenticationInfo.credentialBackedUp,
        now,
      },
      { tx: db },
    );
  }
  return result;
}
