import type { NextRequest } from "next/server";
import { currentActor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { audienceCsvStream } from "@/lib/server/marketing/audience-csv";
import { filterQuery, parseConsoleSearch } from "../audience-query";
import { unavailableAs503 } from "@/lib/http/database-unavailable";

export const dynamic = "force-dynamic";

/**
 * GET /marketing/export?purpose=…&topics=…&channel=…&language=…: the audience as a streamed CSV
 * download (lib/server/marketing/audience-csv.ts), for staff with audiences:export; audited with
 * the row count.
 */
async function get(request: NextRequest): Promise<Response> {
  const search = Object.fromEntries(request.nextUrl.searchParams);
  const returnTo = `/marketing/export?${filterQuery(search.purpose ?? "", {})}`;
  const user = await requirePermission("audiences:export", { returnTo });
  const { purposeKey, filter, invalid } = parseConsoleSearch(search, "");
  if (invalid) return new Response("Invalid filter", { status: 400 });
  const result = await audienceCsvStream({
    actor: await currentActor(user, { as: user.roles.includes("MARKETING") ? "MARKETING" : "ADMIN" }),
    purposeKey,
    filter,
  });
  if (!result.ok) return new Response("Not found", { status: 404 });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(result.stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="zielgruppe-${purposeKey}-${day}.csv"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/** 503 with Retry-After while the database cannot answer (decision 0073). */
export const GET = unavailableAs503(get);
