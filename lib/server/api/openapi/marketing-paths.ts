/** The marketing area of /api/v1 in the OpenAPI document: audiences and a customer's consents. */
import { z } from "zod";
import { AudiencePageSchema, CustomerConsentsSchema } from "@/lib/schemas/api-responses";
import { AudiencePageQuerySchema, CustomerIdSchema, PurposeKeySchema } from "@/lib/schemas/audience";
import { registerKeyedGet } from "./registry";

registerKeyedGet({
  path: "/api/v1/audiences/{purpose}",
  operationId: "listAudience",
  summary: "Customers marketing may contact for a purpose",
  description:
    "Customers whose consent for the purpose is current under the latest version, with only the fields marketing may use. Withdrawn, pending double opt-in and in-deletion customers are never included. Page with `cursor` until `nextCursor` is null.",
  scope: "audiences:read",
  request: {
    params: z.object({ purpose: PurposeKeySchema.meta({ example: "marketing_email" }) }),
    query: AudiencePageQuerySchema,
  },
  ok: { description: "One page of the audience.", schema: AudiencePageSchema },
  problems: ["VALIDATION_FAILED", "NOT_FOUND"],
});

registerKeyedGet({
  path: "/api/v1/customers/{id}/consents",
  operationId: "getCustomerConsents",
  summary: "A customer's current consents",
  description: "The derived state of every active purpose for one customer.",
  scope: "consents:read",
  request: { params: z.object({ id: CustomerIdSchema }) },
  ok: { description: "The customer's consents.", schema: CustomerConsentsSchema },
  problems: ["NOT_FOUND"],
});
