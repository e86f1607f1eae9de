/**
 * The environment, validated with zod once at start (scripts/start.ts) and on first use in the
 * server. Each invalid or missing variable is named with the reason (parse.ts); on a local URL
 * missing secrets are generated into a file only its owner can read (local-secrets.ts). Every
 * variable is documented in .env.example.
 */
import type { Env } from "./env-types";
import { ensureLocalSecrets, secretsToGenerate, type GeneratedSecretName } from "./local-secrets";
import { isLocalUrl, parseEnv, type EnvSource } from "./parse";

export { EnvError, formatEnvIssues } from "./env-types";
export type { EncryptionKey, Env, EnvIssue, PushConfig } from "./env-types";
export { isLocalUrl, parseEncryptionKey, parseEnv } from "./parse";
export { legalEntityLine, type LegalEntity } from "./legal-entity";

if (typeof window !== "undefined") throw new Error("lib/env must not be imported in the browser");

/**
 * Reads process.env, filling secrets the environment lacks from the local secrets file when the
 * URL is local. Returns the created names so the start script can say so in its log.
 */
export function loadEnv(source: EnvSource = process.env): {
  env: Env;
  createdSecrets: GeneratedSecretName[];
  secretsFile?: string;
} {
  const port = source.PORT ?? "3000";
  const appUrl = source.APP_URL ?? `http://localhost:${port}`;
  let local: ReturnType<typeof ensureLocalSecrets> | undefined;
  const missing = secretsToGenerate(source);
  let safeLocal = false;
  try {
    safeLocal = isLocalUrl(appUrl);
  } catch {
    safeLocal = false; // an invalid APP_URL is reported by parseEnv
  }
  if (safeLocal && missing.length > 0) local = ensureLocalSecrets(missing);
  const merged = { ...source, ...(local?.secrets ?? {}) };
  const env = parseEnv(merged, local ? missing : []);
  return { env, createdSecrets: local?.created ?? [], secretsFile: local?.file };
}

let cached: Env | undefined;

/** The validated environment for server code; throws EnvError naming each bad variable. */
export function getEnv(): Env {
  cached ??= loadEnv().env;
  return cached;
}
