/**
 * Route handlers answer 503 with Retry-After, not 500, while the database cannot answer
 * (docs/decisions/0073): a load balancer, a browser's download or a client library then knows the
 * same request is worth sending again in a moment, and logs tell an outage from a bug.
 */
import { isDatabaseUnavailable, UNAVAILABLE_RETRY_AFTER_SECONDS } from "@/lib/db/unavailable";

/** The 503 itself: plain text in both languages, as no page layout can be rendered without data. */
export function databaseUnavailableResponse(headers: Record<string, string> = {}): Response {
  return new Response(
    "Der Dienst ist gerade nicht erreichbar. Bitte versuchen Sie es gleich noch einmal.\n" +
      "The service can’t be reached right now. Please try again in a moment.\n",
    {
      status: 503,
      headers: {
        "Content-Type": "text/plain; charset=utf-8",
        "Cache-Control": "no-store",
        "Retry-After": String(UNAVAILABLE_RETRY_AFTER_SECONDS),
        ...headers,
      },
    },
  );
}

/** Wraps a route handler: a database-unavailable error becomes the 503; any other error stays. */
export function unavailableAs503<A extends unknown[]>(
  handler: (...args: A) => Promise<Response>,
): (...args: A) => Promise<Response> {
  return async (...args) => {
    try {
      return await handler(...args);
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      console.warn(
        "database unavailable in a route handler:",
        error instanceof Error ? error.message : error,
      );
      return databaseUnavailableResponse();
    }
  };
}
