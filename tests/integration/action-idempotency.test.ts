/**
 * Idempotent customer forms (docs/decisions/0072), on SQLite and PostgreSQL: a save whose answer
 * was cut off and is sent again with the same key runs once and answers with the first outcome;
 * the key belongs to the signed-in customer, so another customer's key never replays their result.
 * The generic cases run for every wrapped action (tests/support/idempotent-actions.ts); the address
 * book's create action stands for all of them in the pipeline's finer rules
 * (lib/auth/action-pipeline.ts).
 */
import { createHash, randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { SESSION_COOKIE } from "@/lib/auth/cookie-names";
import { createAddressAction, updateAddressAction } from "@/lib/actions/addresses";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { hashToken, newSessionToken } from "@/lib/server/crypto/token-hash";
import {
  actionFingerprint,
  claimActionKey,
  completeActionKey,
  pruneActionKeys,
} from "@/lib/server/idempotency/action-keys";
import { settle, STREET, WRAPPED_ACTIONS } from "../support/idempotent-actions";
import { redirectOf, request, resetRequest } from "../support/next-request";

vi.mock("next/headers", async () => (await import("../support/next-request")).nextHeaders);
vi.mock("next/navigation", async () => (await import("../support/next-request")).nextNavigation);
// A replayed answer refreshes the page it came from, as the first run's revalidatePath would have.
const refreshed = vi.hoisted(() => ({ count: 0 }));
vi.mock("next/cache", async () => ({
  ...(await import("../support/next-request")).nextCache,
  refresh: () => void refreshed.count++,
}));
vi.mock("next-intl/server", async () => (await import("../support/next-request")).nextIntlServer);

const db = createPrismaClient();
const CREATED = "/account/addresses?notice=created";

/** A customer with a proven address (bank details need one, docs/decisions/0018). */
async function customer() {
  const email = `idempotency.${Date.now()}.${Math.random().toString(36).slice(2)}@example.com`;
  const user = await db.user.create({
    data: {
      email,
      emailNormalized: email,
      emailVerifiedAt: new Date(),
      roles: { create: { role: "CUSTOMER" } },
    },
  });
  return user.id;
}

/** Signs "this request" in as the user: a real session row (just authenticated), its token in the cookie jar. */
async function signInAs(userId: string) {
  resetRequest();
  const token = newSessionToken();
  await db.session.create({
    data: {
      tokenHash: hashToken(token),
      userId,
      idleExpiresAt: new Date(Date.now() + 3_600_000),
      absoluteExpiresAt: new Date(Date.now() + 86_400_000),
      authMethods: ["PASSWORD"],
    },
  });
  request.cookies.set(SESSION_COOKIE, token);
}

const addresses = (userId: string) => db.address.count({ where: { userId } });
const keyRows = (userId: string) => db.actionIdempotencyKey.count({ where: { userId } });

beforeEach(() => resetRequest());

describe.each(WRAPPED_ACTIONS)("idempotent $name", (action) => {
  it("the same key twice writes one row and answers both times with the first outcome", async () => {
    const alice = await customer();
    await signInAs(alice);
    const { call, rows } = await action.prepare(db, alice);
    const key = randomUUID();

    const first = await settle(call(key));
    expect(action.succeeded(first), JSON.stringify(first)).toBe(true);
    // The first answer was cut off; the customer saves again with the form's unchanged key.
    const refreshes = refreshed.count;
    expect(await settle(call(key))).toEqual(first);
    // A redirect loads its page afresh anyway; an answer in place refreshes the page it is on.
    expect(refreshed.count - refreshes).toBe("redirect" in (first as object) ? 0 : 1);

    expect(await rows()).toBe(1);
    expect(await keyRows(alice)).toBe(1);
  });

  it("[ATTACKER] a copy of the database cannot confirm a guessed input from the stored fingerprint", async () => {
    const alice = await customer();
    await signInAs(alice);
    const { args, call } = await action.prepare(db, alice);
    expect(action.succeeded(await settle(call(randomUUID())))).toBe(true);

    // The arguments hold what the domain keeps sealed (an IBAN, decision 0012): a plain hash of them
    // would let anyone holding the table try the few candidates the masked IBAN leaves.
    const { requestHash } = await db.actionIdempotencyKey.findFirstOrThrow({ where: { userId: alice } });
    const plain = createHash("sha256")
      .update(`${action.name}\n${JSON.stringify(args)}`)
      .digest("hex");
    expect(requestHash).toMatch(/\S{32,}/);
    expect(requestHash).not.toBe(plain);
    expect(requestHash).not.toContain(plain);
  });

  it("[ATTACKER] a key from another customer never returns that customer's result", async () => {
    const [alice, mallory] = [await customer(), await customer()];
    await signInAs(mallory);
    const { args, call, rows } = await action.prepare(db, mallory);
    const key = randomUUID();
    // Alice's stored outcome for the very key, action and input Mallory sends, marked so that a
    // replay to anyone else would show.
    const secret = { ok: true, data: { secret: "alice's" } };
    const claim = await claimActionKey({
      userId: alice,
      key,
      requestHash: actionFingerprint(action.name, args),
    });
    if (claim.kind !== "claimed") throw new Error(claim.kind);
    await completeActionKey({ id: claim.id, result: JSON.stringify({ result: secret }) });

    // Mallory's own save runs and answers her own outcome; Alice's stays hers.
    const own = await settle(call(key));
    expect(action.succeeded(own), JSON.stringify(own)).toBe(true);
    expect(own).not.toEqual(secret);
    expect(await rows()).toBe(1);
    await signInAs(alice);
    expect(await settle(call(key))).toEqual(secret);
  });
});

describe("idempotent customer forms", () => {
  it("a new key is a new submission: the key, not the content, decides", async () => {
    const alice = await customer();
    await signInAs(alice);
    expect(await redirectOf(() => createAddressAction(randomUUID(), STREET))).toBe(CREATED);
    expect(await redirectOf(() => createAddressAction(randomUUID(), STREET))).toBe(CREATED);
    expect(await addresses(alice)).toBe(2);
  });

  it("another customer with the same key runs separately", async () => {
    const [alice, bob] = [await customer(), await customer()];
    const key = randomUUID();
    await signInAs(alice);
    expect(await redirectOf(() => createAddressAction(key, STREET))).toBe(CREATED);
    await signInAs(bob);
    expect(await redirectOf(() => createAddressAction(key, STREET))).toBe(CREATED);

    expect([await addresses(alice), await addresses(bob)]).toEqual([1, 1]);
  });

  it("a second call while the first still runs answers IN_PROGRESS and writes nothing", async () => {
    const alice = await customer();
    await signInAs(alice);
    const key = randomUUID();
    // The first submission holds the key and has not answered yet.
    await claimActionKey({
      userId: alice,
      key,
      requestHash: actionFingerprint("createAddressAction", [STREET]),
    });

    expect(await createAddressAction(key, STREET)).toEqual({ ok: false, code: "IN_PROGRESS" });
    expect(await addresses(alice)).toBe(0);
  });

  it("two racing calls with one key write one address", async () => {
    const alice = await customer();
    await signInAs(alice);
    const key = randomUUID();
    const outcome = (call: Promise<unknown>) =>
      call.then(
        (result) => result,
        (error: unknown) => (error as { url?: string }).url ?? String(error),
      );

    const answers = await Promise.all([
      outcome(createAddressAction(key, STREET)),
      outcome(createAddressAction(key, STREET)),
    ]);

    expect(await addresses(alice)).toBe(1);
    expect(answers).toContain(CREATED);
    for (const answer of answers)
      expect([CREATED, { ok: false, code: "IN_PROGRESS" }]).toContainEqual(answer);
  });

  it("a failure is not stored: the key is released and the corrected input runs", async () => {
    const alice = await customer();
    await signInAs(alice);
    const key = randomUUID();

    const refused = await createAddressAction(key, { ...STREET, postalCode: "1" });
    expect(refused).toMatchObject({ ok: false, code: "VALIDATION_FAILED" });
    expect(await keyRows(alice)).toBe(0);
    // Same key, other action or other input after a success: refused, never replayed.
    expect(await redirectOf(() => createAddressAction(key, STREET))).toBe(CREATED);
    expect(await createAddressAction(key, { ...STREET, city: "Bonn" })).toEqual({
      ok: false,
      code: "IDEMPOTENCY_KEY_REUSED",
    });
    const own = await db.address.findFirstOrThrow({ where: { userId: alice }, select: { id: true } });
    expect(await updateAddressAction(key, own.id, STREET)).toEqual({
      ok: false,
      code: "IDEMPOTENCY_KEY_REUSED",
    });
    expect(await addresses(alice)).toBe(1);
  });

  it("without a session the key is not looked at and the action sends to sign-in", async () => {
    const alice = await customer();
    expect(await redirectOf(() => createAddressAction(randomUUID(), STREET))).toMatch(/^\/login\?/);
    expect(await addresses(alice)).toBe(0);
  });

  it("expired keys are pruned, and an expired key starts afresh", async () => {
    const alice = await customer();
    await signInAs(alice);
    const key = randomUUID();
    expect(await redirectOf(() => createAddressAction(key, STREET))).toBe(CREATED);
    const later = new Date(Date.now() + 25 * 60 * 60 * 1000);

    expect(await pruneActionKeys({ now: later })).toBeGreaterThanOrEqual(1);
    expect(await keyRows(alice)).toBe(0);
  });
});
