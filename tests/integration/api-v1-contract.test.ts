/**
 * The OpenAPI document of /api/v1 (docs/decisions/0046) on SQLite and PostgreSQL: it validates as
 * OpenAPI 3.1 (@seriousme/openapi-schema-validator), names every route handler under app/api/v1
 * and no other, and every operation answers as documented: 200 with a body that matches the
 * documented schema and RateLimit headers for a key with the documented scope, 401 without a key
 * and 403 with a key lacking the scope, both as documented problem+json. Writes get a valid body
 * (and reads of a written object the object first) from SETUP; a write without one is sent an
 * empty body and must answer one of its documented problems (the order writes' success bodies are
 * checked against the document in tests/integration/api-v1-orders*.test.ts).
 */
import { Validator } from "@seriousme/openapi-schema-validator";
import Ajv2020 from "ajv/dist/2020";
import { afterAll, describe, expect, it } from "vitest";
import type { ApiScope } from "@/lib/config/api";
import { API_SCOPES } from "@/lib/config/api";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { openApiDocument } from "@/lib/server/api/openapi/document";
import { POST as approvalsPOST } from "@/app/api/v1/approvals/route";
import { apiKey, consentingCustomer } from "../support/marketing";

const db = createPrismaClient();
afterAll(() => db.$disconnect());

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Method = "get" | "put" | "post";
const METHODS: Method[] = ["get", "put", "post"];
type MediaSchema = { schema: object };
type Operation = {
  "x-scope": ApiScope;
  parameters: { name: string; in: string; schema: { example?: string } }[];
  responses: Record<string, { content?: Record<string, MediaSchema>; headers?: Record<string, unknown> }>;
};

const document = openApiDocument("http://localhost");
const ROUTES = import.meta.glob<Partial<Record<Uppercase<Method>, Handler>>>("../../app/api/v1/**/route.ts");
/** Route files that serve the documentation itself rather than a documented operation. */
const SELF = ["../../app/api/v1/openapi.json/route.ts"];
const fileOf = (path: string) => `../../app${path.replace(/\{(\w+)\}/g, "[$1]")}/route.ts`;

/** What a write needs to succeed: its body, or an object of the same key to read (shop approvals). */
function approvalRequest(customerId: string) {
  return {
    approvalId: `contract-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
    customer: { id: customerId },
    shopOrderId: "B-2026-000001",
    amount: { minor: 124_900, currency: "EUR" },
    reason: "over_threshold",
    deliveryAddress: ["Erika Mustermann", "Heidestraße 17", "51147 Köln"],
    lines: [{ name: "Bürostuhl ErgoPlus", quantity: 3, unitAmountMinor: 29_900 }],
    expiresAt: new Date(Date.now() + 60 * 60 * 1000).toISOString(),
  };
}
type Setup = { params?: Record<string, string>; body?: unknown };
const SETUP: Record<string, (key: string, customerId: string) => Promise<Setup>> = {
  "post /api/v1/approvals": async (_key, customerId) => ({ body: approvalRequest(customerId) }),
  "get /api/v1/approvals/{id}": async (key, customerId) => {
    const response = await approvalsPOST(
      new Request("http://localhost/api/v1/approvals", {
        method: "POST",
        headers: { authorization: `Bearer ${key}` },
        body: JSON.stringify(approvalRequest(customerId)),
      }),
      { params: Promise.resolve({}) },
    );
    return { params: { id: ((await response.json()) as { id: string }).id } };
  },
};

const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addSchema({ $id: "doc", components: document.components } as object);
function matches(media: MediaSchema, body: unknown): boolean {
  const schema = JSON.parse(JSON.stringify(media.schema).replaceAll('"#/components', '"doc#/components'));
  const valid = ajv.validate(schema, body);
  if (!valid) console.error(ajv.errorsText());
  return valid;
}

describe("the OpenAPI document of /api/v1", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const result = await new Validator().validate(
      structuredClone(document) as unknown as Record<string, unknown>,
    );
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(document.openapi).toBe("3.1.0");
  });

  it("documents every route handler under app/api/v1 and none that does not exist", () => {
    const documented = Object.keys(document.paths ?? {})
      .map(fileOf)
      .sort();
    const files = Object.keys(ROUTES)
      .filter((f) => !SELF.includes(f))
      .sort();
    expect(documented).toEqual(files);
  });

  it("every operation answers as documented: 2xx with its scope, 401 without a key, 403 without the scope", async () => {
    const member = await consentingCustomer(db, { purpose: "marketing_email", topics: ["offers"] });
    const examples: Record<string, string> = { purpose: "marketing_email", id: member.id };
    let called = 0;
    for (const [path, item] of Object.entries(document.paths ?? {})) {
      const routes = await ROUTES[fileOf(path)]!();
      for (const method of METHODS) {
        const operation = item[method] as unknown as Operation | undefined;
        if (!operation) continue;
        const handler = routes[method.toUpperCase() as Uppercase<Method>];
        expect(handler, `${method} ${path} has a handler`).toBeDefined();
        const key = (await apiKey(db, [operation["x-scope"]])).key;
        const setup = await SETUP[`${method} ${path}`]?.(key, member.id);
        const params = {
          ...Object.fromEntries(
            (operation.parameters ?? [])
              .filter((p) => p.in === "path")
              .map((p) => [p.name, examples[p.name]!]),
          ),
          ...setup?.params,
        };
        const url = `http://localhost${path.replace(/\{(\w+)\}/g, (_, name: string) => params[name]!)}`;
        const call = async (key?: string) => {
          const headers: Record<string, string> = key ? { authorization: `Bearer ${key}` } : {};
          const body =
            setup?.body !== undefined ? JSON.stringify(setup.body) : method === "get" ? undefined : "{}";
          const response = await handler!(new Request(url, { method: method.toUpperCase(), headers, body }), {
            params: Promise.resolve(params),
          });
          return { response, body: (await response.json()) as unknown };
        };
        const documented = (status: number, type: string) => {
          const media = operation.responses[String(status)]?.content?.[type];
          expect(media, `${method} ${path} documents ${status} ${type}`).toBeDefined();
          return media!;
        };

        const ok = await call(key);
        const status = ok.response.status;
        if (method === "get" || setup?.body !== undefined) {
          expect(status, `${method} ${path}`).toBeGreaterThanOrEqual(200);
          expect(status, `${method} ${path}`).toBeLessThan(300);
          expect(matches(documented(status, "application/json"), ok.body), `${path} ${status} body`).toBe(
            true,
          );
          expect(matches(documented(status, "application/json"), {}), "the schema check can fail").toBe(
            false,
          );
          for (const header of Object.keys(operation.responses[String(status)]!.headers ?? {}))
            expect(ok.response.headers.get(header), `${path} ${header}`).not.toBeNull();
        } else {
          expect(status, `${method} ${path} refuses an empty body`).toBeGreaterThanOrEqual(400);
          expect(matches(documented(status, "application/problem+json"), ok.body)).toBe(true);
        }

        const anonymous = await call();
        expect(anonymous.response.status).toBe(401);
        expect(matches(documented(401, "application/problem+json"), anonymous.body)).toBe(true);

        const otherScope = API_SCOPES.find((s) => s !== operation["x-scope"])!;
        const refused = await call((await apiKey(db, [otherScope])).key);
        expect(refused.response.status).toBe(403);
        expect(matches(documented(403, "application/problem+json"), refused.body)).toBe(true);
        called += 1;
      }
    }
    const operations = Object.values(document.paths ?? {}).flatMap((item) => METHODS.filter((m) => item[m]));
    expect(called).toBe(operations.length);
    expect(called).toBeGreaterThanOrEqual(4);
  });
});
