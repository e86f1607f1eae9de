/**
 * THE OpenAPI registry of /api/v1 (docs/decisions/0046): every API area registers its paths here
 * from the zod schemas its handlers validate with (one source of truth), in a file of its own in
 * this folder that document.ts imports. Shared parts: the bearer scheme, the problem responses and
 * the RateLimit-* headers every answer carries.
 */
import { OpenAPIRegistry, type RouteConfig } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import type { ApiScope } from "@/lib/config/api";
import { ProblemSchema } from "@/lib/schemas/api-responses";
import { API_PROBLEMS, PROBLEM_CONTENT_TYPE, type ApiProblemCode } from "../problem";

export const apiRegistry = new OpenAPIRegistry();

export const bearerAuth = apiRegistry.registerComponent("securitySchemes", "apiKey", {
  type: "http",
  scheme: "bearer",
  description: "An API key made by an admin at /admin/api-keys: `Authorization: Bearer kp_…`.",
});

const rateLimitHeaders = z.object({
  "RateLimit-Limit": z.string().meta({ description: "Calls allowed per window." }),
  "RateLimit-Remaining": z.string().meta({ description: "Calls left in this window." }),
  "RateLimit-Reset": z.string().meta({ description: "Seconds until the window ends." }),
});

function problem(code: ApiProblemCode) {
  return {
    description: `${API_PROBLEMS[code].title} (${code})`,
    content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } },
  };
}

/** The problems every keyed route can answer, plus the route's own. */
export function problemResponses(...own: ApiProblemCode[]): RouteConfig["responses"] {
  const codes: ApiProblemCode[] = ["UNAUTHENTICATED", "INSUFFICIENT_SCOPE", "RATE_LIMITED", ...own];
  const byStatus: RouteConfig["responses"] = {};
  for (const code of codes) byStatus[API_PROBLEMS[code].status] ??= problem(code);
  return byStatus;
}

/** A keyed GET route: its scope (as `x-scope`), the bearer scheme, RateLimit headers on 200. */
export function registerKeyedGet(
  config: Omit<RouteConfig, "method" | "security" | "responses"> & {
    scope: ApiScope;
    ok: { description: string; schema: z.ZodType };
    problems: ApiProblemCode[];
  },
): void {
  const { scope, ok, problems, ...route } = config;
  apiRegistry.registerPath({
    ...route,
    method: "get",
    security: [{ [bearerAuth.name]: [] }],
    "x-scope": scope,
    responses: {
      200: {
        description: ok.description,
        headers: rateLimitHeaders,
        content: { "application/json": { schema: ok.schema } },
      },
      ...problemResponses(...problems),
    },
  });
}

/**
 * A keyed write (PUT/POST): its scope, the bearer scheme, the optional Idempotency-Key header
 * (docs/decisions/0061) and the problems every write can answer besides the route's own.
 */
export function registerKeyedWrite(
  config: Omit<RouteConfig, "security" | "responses" | "request" | "method"> & {
    method: "put" | "post";
    scope: ApiScope;
    params: z.ZodObject;
    body: { contentType: string; schema: z.ZodType; description?: string };
    ok: { description: string; schema: z.ZodType; statuses: (200 | 201)[] };
    problems: ApiProblemCode[];
  },
): void {
  const { scope, ok, problems, params, body, ...route } = config;
  const success = {
    description: ok.description,
    headers: rateLimitHeaders,
    content: { "application/json": { schema: ok.schema } },
  };
  apiRegistry.registerPath({
    ...route,
    security: [{ [bearerAuth.name]: [] }],
    "x-scope": scope,
    request: {
      params,
      headers: z.object({
        "Idempotency-Key": z.string().max(255).optional().meta({
          description:
            "Send the same key when retrying: the first answer is replayed (header Idempotent-Replayed) for 24 hours; the key with another body is refused (422), while the first request runs it is 409.",
        }),
      }),
      body: {
        required: true,
        description: body.description,
        content: { [body.contentType]: { schema: body.schema } },
      },
    },
    responses: {
      ...Object.fromEntries(ok.statuses.map((status) => [status, success])),
      ...problemResponses(
        "VALIDATION_FAILED",
        "IDEMPOTENCY_KEY_REUSED",
        "IDEMPOTENCY_KEY_IN_USE",
        "PAYLOAD_TOO_LARGE",
        ...problems,
      ),
    },
  });
}
