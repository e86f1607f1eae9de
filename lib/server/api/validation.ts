/** A zod failure of an API request as problem details, naming each field and what was wrong. */
import type { z } from "zod";
import { problemDetails, type ProblemDetails } from "./problem";

export function validationProblem(error: z.ZodError): ProblemDetails {
  return problemDetails("VALIDATION_FAILED", {
    detail: "One or more parameters are invalid.",
    errors: error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })),
  });
}
