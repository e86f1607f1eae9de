/**
 * Customers in (and out of) marketing audiences, API keys and calls of the real /api/v1 handlers,
 * for the marketing and API integration tests. Consents go through the one writer (recordConsent),
 * so ConsentState moves exactly as in the app.
 */
import type { ApiKeyLifetimeDays, ApiScope } from "@/lib/config/api";
import type { Db } from "@/lib/db/prisma-client";
import type { StaffActor } from "@/lib/server/actor";
import { createApiKey } from "@/lib/server/api/keys";
import { recordConsent } from "@/lib/server/consent/record-consent";
import { client, unique } from "./customers";

export async function adminActor(db: Db): Promise<StaffActor> {
  const email = `admin.${unique()}@example.com`;
  const user = await db.user.create({
    data: {
      email,
      emailNormalized: email,
      emailVerifiedAt: new Date(),
      roles: { create: [{ role: "ADMIN" }] },
    },
  });
  return { kind: "staff", userId: user.id, role: "ADMIN", sessionId: null, client };
}

export async function apiKey(
  db: Db,
  scopes: ApiScope[],
  lifetimeDays: ApiKeyLifetimeDays = 30,
): Promise<{ id: string; key: string }> {
  const created = await createApiKey(
    { actor: await adminActor(db), name: "Test", scopes, lifetimeDays },
    { tx: db },
  );
  return { id: created.id, key: created.key };
}

export type AudienceCustomer = { id: string; email: string };

/** A proven customer who granted `purpose`; `topics` as confirmed (ACTIVE) email subscriptions. */
export async function consentingCustomer(
  db: Db,
  opts: {
    purpose: string;
    locale?: "de" | "en";
    topics?: string[];
    pendingTopics?: string[];
    phone?: string;
    sms?: boolean;
  },
): Promise<AudienceCustomer> {
  const email = `audience.${unique()}@example.com`;
  const user = await db.user.create({
    data: {
      email,
      emailNormalized: email,
      emailVerifiedAt: new Date(),
      locale: opts.locale ?? "de",
      roles: { create: { role: "CUSTOMER" } },
      communicationPreference: { create: { smsEnabled: opts.sms ?? false } },
      profile: {
        create: {
          firstName: "Erika",
          lastName: "Mustermann",
          phoneE164: opts.phone ?? null,
          phoneVerifiedAt: opts.phone ? new Date() : null,
        },
      },
      addresses: {
        create: {
          recipientName: "Erika Mustermann",
          street: "Hauptstraße",
          houseNumber: "1",
          postalCode: "10115",
          city: "Berlin",
          country: "DE",
        },
      },
      topicSubscriptions: {
        create: [
          ...(opts.topics ?? []).map((topicKey) => ({
            topicKey,
            status: "ACTIVE" as const,
            confirmedAt: new Date(),
          })),
          ...(opts.pendingTopics ?? []).map((topicKey) => ({ topicKey })),
        ],
      },
    },
  });
  await grantConsent(db, user.id, opts.purpose);
  return { id: user.id, email };
}

const consentInput = (userId: string, purposeKey: string) => ({
  userId,
  purposeKey,
  source: "CONSENT_CENTRE" as const,
  locale: "de" as const,
  ip: null,
  userAgent: null,
});

export const grantConsent = (db: Db, userId: string, purposeKey: string) =>
  db.$transaction((tx) => recordConsent({ ...consentInput(userId, purposeKey), action: "GRANTED" }, { tx }));
export const withdrawConsent = (db: Db, userId: string, purposeKey: string) =>
  db.$transaction((tx) =>
    recordConsent({ ...consentInput(userId, purposeKey), action: "WITHDRAWN" }, { tx }),
  );

/** A call of a real /api/v1 handler, as Next would make it. */
export async function callApi<P>(
  handler: (request: Request, context: { params: Promise<P> }) => Promise<Response>,
  url: string,
  params: P,
  key?: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const request = new Request(`http://localhost${url}`, {
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), "user-agent": "vitest", ...headers },
  });
  const response = await handler(request, { params: Promise.resolve(params) });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}
