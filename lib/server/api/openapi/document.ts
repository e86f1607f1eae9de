/**
 * The OpenAPI 3.1 document of /api/v1, generated from the registry on request (cheap, and always
 * the code's truth). Each area's registration file is imported here once.
 */
import { OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { apiRegistry } from "./registry";
import "./marketing-paths";
import "./order-paths";
import "./approval-paths";

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31["generateDocument"]>;

export function openApiDocument(serverUrl: string): OpenApiDocument {
  return new OpenApiGeneratorV31(apiRegistry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Kundenportal API",
      version: "1.0.0",
      description:
        "Read consented audiences and customers' consents; feed orders, parcels and order documents from the shop. Every call needs an API key with the route's scope; errors are application/problem+json (RFC 9457).",
    },
    servers: [{ url: serverUrl }],
  });
}
