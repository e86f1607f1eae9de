/**
 * Shop approvals through the real /api/v1 handlers (docs/decisions/0063) on SQLite and PostgreSQL:
 * a request becomes one pending approval however often the shop repeats it; the customer is found
 * by id or by verified e-mail only; a key without orders:write and another key's reads are refused;
 * a stale approval reads as expired and the shop gets approval.decided; a customer's decline is
 * limited to their own approval.
 */
import { afterAll, describe, expect, it } from "vitest";
import { POST as approvalsPOST } from "@/app/api/v1/approvals/route";
import { GET as approvalGET } from "@/app/api/v1/approvals/[id]/route";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { declineShopApproval } from "@/lib/server/approvals/decide-approval";
import { hashDetails } from "@/lib/server/transactions/binding";
import { createWebhookEndpoint, disableWebhookEndpoint } from "@/lib/server/webhooks/endpoints";
import { adminActor, apiKey, callApi } from "../support/marketing";

const db = createPrismaClient();
afterAll(() => db.$disconnect());

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter += 1)}${Math.random().toString(36).slice(2, 6)}`;

async function customer(verified = true) {
  const email = `approval.${unique()}@example.com`;
  return db.user.create({
    data: { email, emailNormalized: email, emailVerifiedAt: verified ? new Date() : null },
  });
}

function request(customerRef: { id: string } | { email: string }, overrides: Record<string, unknown> = {}) {
  return {
    approvalId: `appr-${unique()}`,
    customer: customerRef,
    shopOrderId: "B-2026-004711",
    amount: { minor: 124_900, currency: "EUR" },
    reason: "over_threshold",
    deliveryAddress: ["Erika Mustermann", "Heidestraße 17", "51147 Köln"],
    lines: [{ name: "Bürostuhl ErgoPlus", quantity: 3, unitAmountMinor: 29_900 }],
    expiresAt: new Date(Date.now() + 60 * 60 * 1000).toISOString(),
    ...overrides,
  };
}

async function post(key: string, body: unknown) {
  const response = await approvalsPOST(
    new Request("http://localhost/api/v1/approvals", {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "user-agent": "vitest" },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({}) },
  );
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

const get = (key: string, id: string) => callApi(approvalGET, `/api/v1/approvals/${id}`, { id }, key);

describe("POST /api/v1/approvals", () => {
  it("makes one pending approval however often the shop sends the same approval id", async () => {
    const user = await customer();
    const key = await apiKey(db, ["orders:write"]);
    const body = request({ id: user.id });
    const first = await post(key.key, body);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ approvalId: body.approvalId, customerId: user.id, status: "pending" });
    const again = await post(key.key, { ...body, amount: { minor: 1, currency: "EUR" } });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);

    const rows = await db.shopApproval.findMany({ where: { userId: user.id } });
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    // What the customer will sign is what the first request said, bound to the portal's id.
    expect(row.details).toMatchObject({ approvalId: row.id, amountMinor: 124_900, currency: "EUR" });
    expect(row.detailsHash).toBe(hashDetails(row.details));
    expect(first.body.detailsHash).toBe(row.detailsHash);
    const audits = await db.auditEvent.findMany({
      where: { type: "shop_approval.requested", targetId: row.id },
    });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorRole: "API_KEY", actorId: key.id, subjectUserId: user.id });
  });

  it("finds a customer by verified e-mail address, never by an unverified one", async () => {
    const key = await apiKey(db, ["orders:write"]);
    const verified = await customer(true);
    const byEmail = await post(key.key, request({ email: verified.email.toUpperCase() }));
    expect(byEmail.status).toBe(201);
    expect(byEmail.body.customerId).toBe(verified.id);

    const unverified = await customer(false);
    const refused = await post(key.key, request({ email: unverified.email }));
    expect(refused.status).toBe(404);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(refused.body).toMatchObject({ code: "NOT_FOUND" });
    expect(await db.shopApproval.count({ where: { userId: unverified.id } })).toBe(0);
  });

  it("refuses a key without orders:write, a fractional amount and an expiry out of range", async () => {
    const user = await customer();
    const reader = await apiKey(db, ["audiences:read"]);
    const scope = await post(reader.key, request({ id: user.id }));
    expect(scope.status).toBe(403);
    expect(scope.body).toMatchObject({ code: "INSUFFICIENT_SCOPE" });

    const key = await apiKey(db, ["orders:write"]);
    const fraction = await post(
      key.key,
      request({ id: user.id }, { amount: { minor: 12.5, currency: "EUR" } }),
    );
    expect(fraction.status).toBe(400);
    expect(fraction.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: "amount.minor" })]),
    );
    const far = new Date(Date.now() + 8 * 24 * 60 * 60 * 1000).toISOString();
    const tooLong = await post(key.key, request({ id: user.id }, { expiresAt: far }));
    expect(tooLong.status).toBe(400);
    expect(await db.shopApproval.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("GET /api/v1/approvals/{id}", () => {
  it("answers the key that asked, and NOT_FOUND to any other key", async () => {
    const user = await customer();
    const key = await apiKey(db, ["orders:write"]);
    const created = await post(key.key, request({ id: user.id }));
    const id = created.body.id as string;
    const own = await get(key.key, id);
    expect(own.status).toBe(200);
    expect(own.body).toEqual(created.body);

    const otherShop = await apiKey(db, ["orders:write"]);
    const foreign = await get(otherShop.key, id);
    expect(foreign.status).toBe(404);
    expect(foreign.body).toMatchObject({ code: "NOT_FOUND" });
    expect(JSON.stringify(foreign.body)).not.toContain(user.id);
  });

  it("reads a stale approval as expired and tells the shop once by approval.decided", async () => {
    const user = await customer();
    const key = await apiKey(db, ["orders:write"]);
    const admin = await adminActor(db);
    const hook = await createWebhookEndpoint(
      { actor: admin, url: "http://127.0.0.1:9/approvals", events: ["approval.decided"] },
      { tx: db },
    );
    if (!hook.ok) throw new Error(hook.code);
    const created = await post(key.key, request({ id: user.id }));
    const id = created.body.id as string;
    await db.shopApproval.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });

    const stale = await get(key.key, id);
    expect(stale.body).toMatchObject({ status: "expired" });
    expect(await get(key.key, id)).toMatchObject({ body: { status: "expired" } });
    const expired = await db.auditEvent.findMany({ where: { type: "shop_approval.expired", targetId: id } });
    expect(expired).toHaveLength(1);
    const deliveries = await db.webhookDelivery.findMany({
      where: { endpointId: hook.id, eventType: "approval.decided" },
    });
    // Other tests' approvals may end while this endpoint exists: this approval's event is there once.
    const mine = deliveries.filter((d) => (JSON.parse(d.payload) as { data: { id: string } }).data.id === id);
    expect(mine).toHaveLength(1);
    expect(JSON.parse(mine[0]!.payload)).toMatchObject({
      type: "approval.decided",
      data: { id, customerId: user.id, decision: "expired", detailsHash: created.body.detailsHash },
    });
    await disableWebhookEndpoint({ actor: admin, id: hook.id }, { tx: db });
    await db.webhookDelivery.deleteMany({ where: { endpointId: hook.id } });
    // Too late for the customer as well.
    const decline = await declineShopApproval({ userId: user.id, sessionId: "s", id }, { tx: db });
    expect(decline).toEqual({ ok: false, code: "NOT_PENDING" });
  });
});

describe("declining", () => {
  it("ends only the customer's own pending approval", async () => {
    const owner = await customer();
    const attacker = await customer();
    const key = await apiKey(db, ["orders:write"]);
    const id = (await post(key.key, request({ id: owner.id }))).body.id as string;

    expect(await declineShopApproval({ userId: attacker.id, sessionId: "s", id }, { tx: db })).toEqual({
      ok: false,
      code: "NOT_FOUND",
    });
    expect((await db.shopApproval.findUniqueOrThrow({ where: { id } })).status).toBe("PENDING");

    expect(await declineShopApproval({ userId: owner.id, sessionId: "s", id }, { tx: db })).toEqual({
      ok: true,
    });
    expect(await get(key.key, id)).toMatchObject({ body: { status: "declined" } });
    expect(await declineShopApproval({ userId: owner.id, sessionId: "s", id }, { tx: db })).toEqual({
      ok: false,
      code: "NOT_PENDING",
    });
  });
});
