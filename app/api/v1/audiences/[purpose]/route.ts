import { apiRoute } from "@/lib/auth/api-request";
import { problemDetails } from "@/lib/server/api/problem";
import { audiencePage } from "@/lib/server/marketing/audience";
import { AudiencePageQuerySchema, PurposeKeySchema } from "@/lib/schemas/audience";
import { validationProblem } from "@/lib/server/api/validation";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/audiences/{purpose}: one page of the customers marketing may contact for the
 * purpose (lib/server/marketing/audience.ts), with the console's filters; `nextCursor` fetches the
 * next page until it is null.
 */
export const GET = apiRoute<{ purpose: string }>(
  { route: "/api/v1/audiences/{purpose}", scope: "audiences:read" },
  async ({ request, params }) => {
    const purpose = PurposeKeySchema.safeParse(params.purpose);
    if (!purpose.success) return { problem: problemDetails("NOT_FOUND") };
    const query = AudiencePageQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success) return { problem: validationProblem(query.error) };
    const { cursor, limit, ...filter } = query.data;
    const page = await audiencePage({ purposeKey: purpose.data, filter, cursor, limit });
    if (!page.ok)
      return { problem: problemDetails("NOT_FOUND", { detail: "No audience for this purpose." }) };
    return {
      body: { purpose: purpose.data, data: page.members, nextCursor: page.nextCursor },
      audit: { purpose: purpose.data, rows: page.members.length },
    };
  },
);
