/**
 * The OpenAPI document of /api/v1 (docs/decisions/0046) on SQLite and PostgreSQL: it validates as
 * OpenAPI 3.1 (@seriousme/openapi-schema-validator), names every route handler under app/api/v1
 * and no other, and every operation answers as documented: 200 with a body that matches the
 * documented schema and RateLimit headers for a key with the documented scope, 401 without a key
 * and 403 with a key lacking the scope, both as documented problem+json. A write (PUT/POST) given
 * an empty body with its scope answers one of its documented problems; its success bodies are
 * checked against the document in tests/integration/api-v1-orders*.test.ts.
 */
import { Validator } from "@seriousme/openapi-schema-validator";
import Ajv2020 from "ajv/dist/2020";
import { afterAll, describe, expect, it } from "vitest";
import type { ApiScope } from "@/lib/config/api";
import { API_SCOPES } from "@/lib/config/api";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { openApiDocument } from "@/lib/server/api/openapi/document";
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

  it("every operation answers as documented: 200 with its scope, 401 without a key, 403 without the scope", async () => {
    const member = await consentingCustomer(db, { purpose: "marketing_email", topics: ["offers"] });
    const examples: Record<string, string> = {
      purpose: "marketing_email",
      id: member.id,
      shopOrderId: "SO-CONTRACT-1",
      kind: "invoice",
    };
    let called = 0;
    const operations = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((method) => ({
        path,
        method,
        operation: item[method] as unknown as Operation,
      })),
    );
    for (const { path, method, operation } of operations) {
      const handler = (await ROUTES[fileOf(path)]!())[method.toUpperCase() as Uppercase<Method>];
      expect(handler, `${method} ${path} has a handler`).toBeDefined();
      const params = Object.fromEntries(
        operation.parameters.filter((p) => p.in === "path").map((p) => [p.name, examples[p.name]!]),
      );
      const url = `http://localhost${path.replace(/\{(\w+)\}/g, (_, name: string) => params[name]!)}`;
      const call = async (key?: string) => {
        const response = await handler!(
          new Request(url, {
            method: method.toUpperCase(),
            headers: key ? { authorization: `Bearer ${key}` } : {},
            ...(method === "get" ? {} : { body: "{}" }),
          }),
          {
            params: Promise.resolve(params),
          },
        );
        return { response, body: (await response.json()) as unknown };
      };
      const documented = (status: number, type: string) => {
        const media = operation.responses[String(status)]?.content?.[type];
        expect(media, `${path} documents ${status} ${type}`).toBeDefined();
        return media!;
      };

      const ok = await call((await apiKey(db, [operation["x-scope"]])).key);
      if (method === "get") {
        expect(ok.response.status, path).toBe(200);
        expect(matches(documented(200, "application/json"), ok.body), `${path} 200 body`).toBe(true);
        expect(matches(documented(200, "application/json"), {}), "the schema check can fail").toBe(false);
        for (const header of Object.keys(operation.responses["200"]!.headers ?? {}))
          expect(ok.response.headers.get(header), `${path} ${header}`).not.toBeNull();
      } else {
        expect(ok.response.status, `${method} ${path} refuses an empty body`).toBeGreaterThanOrEqual(400);
        expect(matches(documented(ok.response.status, "application/problem+json"), ok.body)).toBe(true);
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
    expect(called).toBe(operations.length);
    expect(called).toBeGreaterThanOrEqual(6);
  });
});
