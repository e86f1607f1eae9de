import { isDatabaseReachable } from "@/lib/server/health/check-database";

export const dynamic = "force-dynamic";

/** Liveness and readiness for load balancers: 503 when the database is unreachable. */
export async function GET(): Promise<Response> {
  const dbOk = await isDatabaseReachable();
  return Response.json(dbOk ? { status: "ok", db: "ok" } : { status: "error", db: "down" }, {
    status: dbOk ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
