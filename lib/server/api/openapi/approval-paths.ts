/** Shop approvals in the OpenAPI document (docs/decisions/0063): request one, read its status. */
import { z } from "zod";
import { ApprovalIdSchema, ApprovalSchema, CreateApprovalSchema } from "@/lib/schemas/approvals";
import { apiRegistry, bearerAuth, problemResponses, registerKeyedGet } from "./registry";

const rateLimitHeaders = z.object({
  "RateLimit-Limit": z.string(),
  "RateLimit-Remaining": z.string(),
  "RateLimit-Reset": z.string(),
});

apiRegistry.registerPath({
  path: "/api/v1/approvals",
  method: "post",
  operationId: "requestApproval",
  summary: "Ask a customer to approve an order",
  description:
    "The customer is notified (push and e-mail) and approves with a passkey bound to exactly the details sent, or declines. The decision arrives as webhook `approval.decided` with the details and their SHA-256. Idempotent by the shop's `approvalId` per API key: a repeat returns the approval made first (200) and notifies nobody.",
  security: [{ [bearerAuth.name]: [] }],
  "x-scope": "orders:write",
  request: { body: { content: { "application/json": { schema: CreateApprovalSchema } } } },
  responses: {
    201: {
      description: "The approval, pending.",
      headers: rateLimitHeaders,
      content: { "application/json": { schema: ApprovalSchema } },
    },
    200: {
      description: "The approval made earlier with this approvalId.",
      headers: rateLimitHeaders,
      content: { "application/json": { schema: ApprovalSchema } },
    },
    ...problemResponses("VALIDATION_FAILED", "NOT_FOUND"),
  },
});

registerKeyedGet({
  path: "/api/v1/approvals/{id}",
  operationId: "getApproval",
  summary: "The status of an approval",
  description: "Pending, approved, declined or expired; only for the key that requested it.",
  scope: "orders:write",
  request: { params: z.object({ id: ApprovalIdSchema }) },
  ok: { description: "The approval.", schema: ApprovalSchema },
  problems: ["NOT_FOUND"],
});
