/** The JSON body of an /api/v1 write, parsed and validated with the route's zod schema. */
import type { z } from "zod";
import { problemDetails, type ProblemDetails } from "./problem";
import { validationProblem } from "./validation";

export function parseJsonBody<S extends z.ZodType>(
  schema: S,
  body: Uint8Array,
): { ok: true; data: z.infer<S> } | { ok: false; problem: ProblemDetails } {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(body));
  } catch {
    return { ok: false, problem: problemDetails("VALIDATION_FAILED", { detail: "The body is not JSON." }) };
  }
  const parsed = schema.safeParse(value);
  return parsed.success
    ? { ok: true, data: parsed.data }
    : { ok: false, problem: validationProblem(parsed.error) };
}

/** A refusal of one field of a valid request (e.g. a code the carrier table does not know). */
export function fieldProblem(path: string, message: string): ProblemDetails {
  return problemDetails("VALIDATION_FAILED", { detail: message, errors: [{ path, message }] });
}
