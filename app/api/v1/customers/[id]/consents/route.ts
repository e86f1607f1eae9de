import { apiRoute } from "@/lib/auth/api-request";
import { problemDetails } from "@/lib/server/api/problem";
import { customerConsents } from "@/lib/server/marketing/customer-consents";
import { CustomerIdSchema } from "@/lib/schemas/audience";

export const dynamic = "force-dynamic";

/** GET /api/v1/customers/{id}/consents: the current state of every active purpose for one customer. */
export const GET = apiRoute<{ id: string }>(
  { route: "/api/v1/customers/{id}/consents", scope: "consents:read" },
  async ({ params }) => {
    const id = CustomerIdSchema.safeParse(params.id);
    const result = id.success ? await customerConsents(id.data) : null;
    if (!result?.ok) return { problem: problemDetails("NOT_FOUND", { detail: "No such customer." }) };
    return { body: { customerId: id.data, data: result.consents }, subject: id.data };
  },
);
