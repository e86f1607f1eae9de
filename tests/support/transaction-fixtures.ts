/**
 * Customers, orders awaiting confirmation and their state, for the transaction-confirmation tests
 * (docs/decisions/0010). `db` is this module's own client: vitest loads the module once per test
 * file, and each file disconnects it in `afterAll`.
 */
import { transactionPasskeyOptions } from "@/lib/server/transactions/confirm-with-passkey";
import { createTransaction } from "@/lib/server/transactions/create-transaction";
import { demoOrderDetails } from "@/lib/server/transactions/order-approval";
import { createPrismaClient } from "@/lib/db/prisma-client";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { SoftwareAuthenticator } from "./software-authenticator";
import { createTestSession } from "./test-session";

export const db = createPrismaClient();
export const client: ClientInfo = {
  ip: "192.0.2.60",
  userAgent: "vitest",
  browser: null,
  os: null,
  location: null,
};

export async function customer() {
  const email = `tx.${Date.now()}.${Math.random().toString(36).slice(2)}@example.com`;
  const user = await db.user.create({
    data: {
      email,
      emailNormalized: email,
      emailVerifiedAt: new Date(),
      roles: { create: { role: "CUSTOMER" } },
    },
  });
  const session = await createTestSession(db, user.id);
  return { userId: user.id, sessionId: session.id };
}

export async function customerWithPasskey() {
  const owner = await customer();
  const authenticator = new SoftwareAuthenticator();
  await db.passkey.create({
    data: {
      userId: owner.userId,
      credentialId: authenticator.credentialId,
      publicKey: authenticator.publicKey,
      deviceType: "SINGLE_DEVICE",
      backedUp: false,
      name: "Software",
    },
  });
  return { ...owner, authenticator };
}

export async function openOrder(owner: { userId: string; sessionId: string }, now?: Date) {
  return createTransaction(
    { ...owner, kind: "order.approve", details: demoOrderDetails(), client, now },
    { tx: db },
  );
}

/** What the browser does: fetch the options, sign their challenge. */
export async function signedResponse(
  owner: { userId: string; sessionId: string; authenticator: SoftwareAuthenticator },
  transactionId: string,
  opts: { userVerified?: boolean } = {},
) {
  const options = await transactionPasskeyOptions({ ...owner, transactionId }, { tx: db });
  if (!options) throw new Error("no options for the transaction");
  return owner.authenticator.assert(options.challenge, opts);
}

export async function stateOf(id: string) {
  return db.transactionConfirmation.findUniqueOrThrow({ where: { id } });
}

export async function lastRejection(id: string) {
  const event = await db.auditEvent.findFirst({ where: { type: "transaction.rejected", targetId: id } });
  return (event?.metadata as { reason?: string } | null)?.reason ?? null;
}
