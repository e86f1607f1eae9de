import { getEnv } from "@/lib/env";
import { openApiDocument } from "@/lib/server/api/openapi/document";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/openapi.json: the OpenAPI 3.1 description of /api/v1, generated from the zod schemas
 * the handlers validate with. Public like any API reference: it describes the interface, holds no
 * data, and every route it names still needs a key.
 */
export function GET(): Response {
  return Response.json(openApiDocument(getEnv().appUrl), {
    headers: { "Cache-Control": "no-store" },
  });
}
