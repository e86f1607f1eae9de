/**
 * Errors of the machine API as `application/problem+json` (RFC 9457). Every refusal of /api/v1
 * goes through here, so clients branch on `code` (stable) and `status`, and read `detail` (English,
 * for the operator of the integration; the API is not localised). `type` points at the problem's
 * section of the reference page /api/v1/docs. Plain module: the OpenAPI document describes it.
 */

export const API_PROBLEMS = {
  UNAUTHENTICATED: { status: 401, title: "Authentication required" },
  KEY_EXPIRED: { status: 401, title: "API key expired" },
  KEY_REVOKED: { status: 401, title: "API key revoked" },
  INSUFFICIENT_SCOPE: { status: 403, title: "Scope missing" },
  NOT_FOUND: { status: 404, title: "Not found" },
  VALIDATION_FAILED: { status: 400, title: "Invalid request" },
  RATE_LIMITED: { status: 429, title: "Too many requests" },
  // Writes (orders, docs/decisions/0060 and 0061)
  IDEMPOTENCY_KEY_REUSED: { status: 422, title: "Idempotency-Key used for another request" },
  IDEMPOTENCY_KEY_IN_USE: { status: 409, title: "A request with this Idempotency-Key is still running" },
  CUSTOMER_UNKNOWN: { status: 422, title: "No verified customer matches" },
  ORDER_OF_ANOTHER_CUSTOMER: { status: 409, title: "The order belongs to another customer" },
  PAYLOAD_TOO_LARGE: { status: 413, title: "Request body too large" },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: "Unsupported media type" },
} as const;
export type ApiProblemCode = keyof typeof API_PROBLEMS;

export type ProblemDetails = {
  type: string;
  title: string;
  status: number;
  code: ApiProblemCode;
  detail?: string;
  instance?: string;
  /** Field paths and messages of a request that failed validation. */
  errors?: { path: string; message: string }[];
};

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

export function problemDetails(
  code: ApiProblemCode,
  extra: { detail?: string; instance?: string; errors?: ProblemDetails["errors"] } = {},
): ProblemDetails {
  const { status, title } = API_PROBLEMS[code];
  return { type: `/api/v1/docs#problem-${code.toLowerCase()}`, title, status, code, ...extra };
}

/** The problem as a response; 401 names the scheme (RFC 9110 §11.6.1), 429 says when to return. */
export function problemResponse(problem: ProblemDetails, headers: Record<string, string> = {}): Response {
  const extra: Record<string, string> = {};
  if (problem.status === 401) extra["WWW-Authenticate"] = 'Bearer realm="api"';
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { "Content-Type": PROBLEM_CONTENT_TYPE, "Cache-Control": "no-store", ...extra, ...headers },
  });
}
