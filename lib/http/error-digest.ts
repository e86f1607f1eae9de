/** The digest Next.js attaches to server errors; it matches the server log entry. */
export function digestOf(error: unknown): string | undefined {
  if (error instanceof Error && "digest" in error && typeof error.digest === "string") return error.digest;
  return undefined;
}
