import "server-only";
/** The context-specific words of this deployment (docs/decisions/0032): product and operator names. */
import { contextWordList } from "@/lib/config/password-context-words";
import { getEnv } from "@/lib/env";

let cached: string[] | undefined;

export function passwordContextWords(): string[] {
  cached ??= contextWordList(getEnv().passwordContextWords);
  return cached;
}
