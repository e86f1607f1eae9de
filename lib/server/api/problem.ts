/**
 * Errors of the machine API as `application/problem+json` (RFC 9457). Every refusal of /api/v1
 * goes through here, so clients branch on `code` (stable) and `status`, and read `detail` (English,
 * for the operator of the integration; the API is not localised). `type` points at the problem's
 * section of the reference page /api/v1/docs. Plain module: the OpenAPI document describes it.
 */

import { API_PROBLEMS, type ApiProblemCode } from "@/lib/config/api";

export { API_PROBLEMS, type ApiProblemCode };

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
