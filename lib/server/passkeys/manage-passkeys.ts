import "server-only";
/**
 * The customer's passkeys on /account/security: list, add, rename, remove. Adding and removing
 * are audited and announced by mail (NIST SP 800-63B-4: the holder hears of every authenticator
 * bound to or removed from the account, so a hijacker cannot add one silently).
 */
import type { RegistrationResponseJSON } from "@simplewebauthn/server";
import { db } from "@/lib/db";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { notifyFactorChange } from "@/lib/server/identity/notify";
import { requireProvenAddress } from "@/lib/server/identity/mailbox-proof";
import { voidLinksAfterChange } from "@/lib/server/identity/tokens";
import type { CustomerActor } from "@/lib/server/actor";
import { storePasskey, verifyPasskeyRegistration } from "./passkey-registration";

export type PasskeyListItem = {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  /** Synced across the person's devices (and backed up) rather than bound to one device. */
  isSynced: boolean;
};

export async function listPasskeys(userId: string): Promise<PasskeyListItem[]> {
  const rows = await db.passkey.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, createdAt: true, lastUsedAt: true, deviceType: true, backedUp: true },
  });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    createdAt: r.createdAt,
    lastUsedAt: r.lastUsedAt,
    isSynced: r.deviceType === "MULTI_DEVICE" || r.backedUp,
  }));
}

/**
 * Adds a passkey to a signed-in customer's account. Refused (AddressUnprovenError) while the
 * address is unproven: until then the account keeps only its first credential (decision 0018).
 */
export async function addPasskey(
  actor: CustomerActor,
  response: RegistrationResponseJSON,
): Promise<{ ok: true; name: string } | { ok: false; code: "NOT_VERIFIED" | "ALREADY_REGISTERED" }> {
  await requireProvenAddress(actor.userId);
  const verified = await verifyPasskeyRegistration({ response, challengeUserId: actor.userId });
  if (!verified) return { ok: false, code: "NOT_VERIFIED" };
  const taken = await db.passkey.findUnique({ where: { credentialId: verified.credentialId } });
  if (taken) return { ok: false, code: "ALREADY_REGISTERED" };
  const passkey = await db.$transaction(async (tx) => {
    await requireProvenAddress(actor.userId, { tx });
    const passkey = await storePasskey(
      { userId: actor.userId, passkey: verified, client: actor.client },
      { tx },
    );
    await voidLinksAfterChange({ userId: actor.userId, change: "credential" }, { tx });
    await writeAuditEvent(tx, {
      type: "auth.passkey_registered",
      actor,
      subject: actor.userId,
      target: { type: "Passkey", id: passkey.id },
      metadata: { deviceType: verified.deviceType, backedUp: verified.backedUp, aaguid: verified.aaguid },
    });
    return passkey;
  });
  notifyFactorChange(actor.userId, "factor-added", "passkey");
  return { ok: true, name: passkey.name };
}

/** Renames one of the user's passkeys; another user's id matches nothing. */
export async function renamePasskey(
  actor: CustomerActor,
  opts: { passkeyId: string; name: string },
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.passkey.updateMany({
      where: { id: opts.passkeyId, userId: actor.userId },
      data: { name: opts.name },
    });
    if (count === 0) return false;
    await writeAuditEvent(tx, {
      type: "auth.passkey_renamed",
      actor,
      subject: actor.userId,
      target: { type: "Passkey", id: opts.passkeyId },
    });
    return true;
  });
}

export type RemovePasskeyResult = { ok: true } | { ok: false; code: "NOT_FOUND" | "LAST_METHOD" };

/**
 * Removes one of the user's passkeys, unless it is the last way to sign in (no password, no
 * social identity, no other passkey): the account would be unreachable.
 */
export async function removePasskey(actor: CustomerActor, passkeyId: string): Promise<RemovePasskeyResult> {
  const result = await db.$transaction(async (tx): Promise<RemovePasskeyResult> => {
    const passkey = await tx.passkey.findFirst({ where: { id: passkeyId, userId: actor.userId } });
    if (!passkey) return { ok: false, code: "NOT_FOUND" };
    const passwords = await tx.passwordCredential.count({ where: { userId: actor.userId } });
    const identities = await tx.socialIdentity.count({ where: { userId: actor.userId } });
    const otherPasskeys = await tx.passkey.count({ where: { userId: actor.userId, id: { not: passkeyId } } });
    if (passwords + identities + otherPasskeys === 0) return { ok: false, code: "LAST_METHOD" };
    await tx.passkey.delete({ where: { id: passkeyId } });
    await voidLinksAfterChange({ userId: actor.userId, change: "credential" }, { tx });
    await writeAuditEvent(tx, {
      type: "auth.passkey_removed",
      actor,
      subject: actor.userId,
      target: { type: "Passkey", id: passkeyId },
    });
    return { ok: true };
  });
  if (result.ok) notifyFactorChange(actor.userId, "factor-removed", "passkey");
  return result;
}
