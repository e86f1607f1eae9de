/**
 * The environment, validated with zod once at start (scripts/start.ts) and on first use in the
 * server. Each invalid or missing variable is named with the reason. On a public APP_URL the app
 * refuses generated, default or weak secrets (PRODUCT.md §6, §7). Every variable is documented in
 * .env.example.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { databaseKind, resolveDatabaseUrl, type DatabaseKind } from "@/lib/db/database-url";
import {
  ensureLocalSecrets,
  GENERATED_SECRET_NAMES,
  OPTIONAL_SECRET_NAMES,
  secretsToGenerate,
  type GeneratedSecretName,
} from "./local-secrets";
import { parseOidcProviders, type OidcProviderConfig } from "./oidc";
import { isWeakSecret } from "./weak-secrets";
import {
  isValidCreditorIdentifier,
  normaliseCreditorIdentifier,
  TEST_CREDITOR_IDENTIFIER,
} from "@/lib/config/sepa-creditor";
import {
  vapidKeysMatch,
  vapidPrivateKeyProblem,
  vapidPublicKeyProblem,
  vapidSubjectProblem,
} from "./vapid-keys";

if (typeof window !== "undefined") throw new Error("lib/env must not be imported in the browser");

const flag = z
  .enum(["0", "1", "true", "false"], { error: 'must be "1" or "0"' })
  .default("0")
  .transform((v) => v === "1" || v === "true");

function minutes(min: number, max: number, fallback: number) {
  const message = `must be a whole number from ${min} to ${max}`;
  return z.coerce
    .number({ error: message })
    .int(message)
    .min(min, message)
    .max(max, message)
    .default(fallback);
}

/** A line copied from .env.example with nothing after "=" means "not set", not "empty". */
function emptyAsUnset<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === "" ? undefined : value), schema);
}

const EnvSchema = z.object({
  NODE_ENV: z
    .enum(["development", "production", "test"], { error: "must be development, production or test" })
    .default("development"),
  PORT: z.coerce
    .number({ error: "must be a whole number between 1 and 65535" })
    .int("must be a whole number between 1 and 65535")
    .min(1, "must be a whole number between 1 and 65535")
    .max(65535, "must be a whole number between 1 and 65535")
    .default(3000),
  APP_URL: z
    .url({ protocol: /^https?$/, error: "must be an absolute http(s) URL such as https://konto.example.de" })
    .optional(),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, "must start with file: (SQLite) or postgresql:// (PostgreSQL)")
    .optional(),
  AUTH_SECRET: z
    .string()
    .min(32, "must be at least 32 characters (e.g. `openssl rand -base64 32`)")
    .optional(),
  DATA_ENCRYPTION_KEY: z.string().optional(),
  DATA_ENCRYPTION_PREVIOUS_KEYS: z.string().optional(),
  TRUST_PROXY: flag,
  DEMO_DATA: z.enum(["auto", "on", "off"], { error: "must be auto, on or off" }).default("auto"),
  SMTP_URL: z
    .url({
      protocol: /^smtps?$/,
      error: "must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.de:587",
    })
    .optional(),
  MAIL_FROM: z
    .string()
    .regex(
      /^(.+<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/,
      'must be an address, e.g. "Kundenportal <konto@example.de>"',
    )
    .default("Kundenportal <no-reply@localhost>"),
  SESSION_IDLE_MINUTES: minutes(5, 24 * 60, 60),
  SESSION_ABSOLUTE_HOURS: minutes(1, 24, 24),
  SESSION_REMEMBER_DAYS: minutes(1, 90, 30),
  STEP_UP_MAX_AGE_SECONDS: minutes(60, 3600, 600),
  DELETION_GRACE_DAYS: minutes(0, 90, 14),
  PROFILING_SKIP_BACKOFF_DAYS: minutes(1, 365, 30),
  SEPA_CREDITOR_NAME: emptyAsUnset(
    z
      .string()
      .trim()
      .min(1, "must not be empty")
      .max(70, "must be at most 70 characters (SEPA name field)")
      .default("Kundenportal Demo GmbH"),
  ),
  SEPA_CREDITOR_ID: emptyAsUnset(
    z
      .string()
      .transform(normaliseCreditorIdentifier)
      .refine(isValidCreditorIdentifier, "must be a SEPA creditor identifier with valid check digits")
      .default(TEST_CREDITOR_IDENTIFIER),
  ),
  VAPID_PUBLIC_KEY: z.string().optional(),
  VAPID_PRIVATE_KEY: z.string().optional(),
  VAPID_SUBJECT: z.string().optional(),
});

export type EncryptionKey = { id: string; key: Buffer };

export type Env = {
  nodeEnv: "development" | "production" | "test";
  port: number;
  appUrl: string;
  /** APP_URL points somewhere other than this machine: a deployment with strict rules. */
  isPublicUrl: boolean;
  /** Cookies get the Secure flag when the portal is served over https. */
  secureCookies: boolean;
  databaseUrl: string;
  databaseKind: DatabaseKind;
  authSecret: string;
  dataEncryptionKey: EncryptionKey;
  previousEncryptionKeys: EncryptionKey[];
  trustProxy: boolean;
  demoData: "auto" | "on" | "off";
  smtpUrl: string | undefined;
  mailFrom: string;
  sessions: { idleMinutes: number; absoluteHours: number; rememberDays: number };
  /** How recent a sign-in or step-up must be for a sensitive action (requireRecentAuth). */
  stepUpMaxAgeSeconds: number;
  /** Days between a deletion request and the erasure job's run for it (0: the next run). */
  deletionGraceDays: number;
  /** Days a skipped progressive-profiling question stays away (docs/decisions/0017). */
  profilingSkipBackoffDays: number;
  oidcProviders: OidcProviderConfig[];
  /** The creditor named on SEPA direct-debit mandates (docs/decisions/0012). */
  sepaCreditor: { name: string; identifier: string };
  /** Web Push (VAPID); null when not configured, and push is then unavailable (docs/decisions/0014). */
  push: PushConfig | null;
  /** Secrets taken from the generated local file rather than the environment. */
  generatedSecrets: GeneratedSecretName[];
};

export type PushConfig = { publicKey: string; privateKey: string; subject: string };

export type EnvIssue = { variable: string; message: string };

export class EnvError extends Error {
  constructor(readonly issues: EnvIssue[]) {
    super(formatEnvIssues(issues));
    this.name = "EnvError";
  }
}

export function formatEnvIssues(issues: EnvIssue[]): string {
  const lines = issues.map((i) => `  - ${i.variable}: ${i.message}`);
  return `Invalid configuration (see .env.example):\n${lines.join("\n")}`;
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

export function isLocalUrl(url: string): boolean {
  const host = new URL(url).hostname;
  return LOOPBACK_HOSTS.has(host) || host.endsWith(".localhost") || host.startsWith("127.");
}

/** Keys are 32 random bytes in base64; the key id is a fingerprint, so it cannot be mislabelled. */
export function parseEncryptionKey(value: string): EncryptionKey | null {
  const key = Buffer.from(value.trim(), "base64");
  if (key.length !== 32 || key.toString("base64").replace(/=+$/, "") !== value.trim().replace(/=+$/, ""))
    return null;
  const id = createHash("sha256").update(key).digest("hex").slice(0, 12);
  return { id, key };
}

type Source = Record<string, string | undefined>;

/** Pure validation: no files, no process.env. `secretsFromFile` names the secrets that were generated. */
export function parseEnv(source: Source, secretsFromFile: readonly GeneratedSecretName[] = []): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    throw new EnvError(
      parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? "environment"),
        message:
          issue.message +
          (source[String(issue.path[0])] !== undefined && !String(issue.path[0]).match(/SECRET|KEY/)
            ? ` (got "${source[String(issue.path[0])]}")`
            : ""),
      })),
    );
  }
  const v = parsed.data;
  const issues: EnvIssue[] = [];
  const appUrl = (v.APP_URL ?? `http://localhost:${v.PORT}`).replace(/\/+$/, "");
  const isPublicUrl = !isLocalUrl(appUrl);

  if (isPublicUrl) {
    if (!appUrl.startsWith("https://"))
      issues.push({ variable: "APP_URL", message: `must use https:// on a public URL (got "${appUrl}")` });
    for (const name of GENERATED_SECRET_NAMES) {
      if (secretsFromFile.includes(name) || (!source[name] && !OPTIONAL_SECRET_NAMES.includes(name))) {
        issues.push({
          variable: name,
          message: `must be set explicitly for the public URL ${appUrl}; generated development secrets are refused`,
        });
      }
    }
    if (v.AUTH_SECRET && isWeakSecret(v.AUTH_SECRET)) {
      issues.push({
        variable: "AUTH_SECRET",
        message: "is a default or weak value; use 32 random bytes (e.g. `openssl rand -base64 32`)",
      });
    }
    if (v.DEMO_DATA === "on")
      issues.push({ variable: "DEMO_DATA", message: "demo accounts are refused on a public URL" });
    if (v.SEPA_CREDITOR_ID === TEST_CREDITOR_IDENTIFIER) {
      issues.push({
        variable: "SEPA_CREDITOR_ID",
        message: "is the Bundesbank's test identifier; set your own for mandates on a public URL",
      });
    }
    if (!v.SMTP_URL) {
      issues.push({
        variable: "SMTP_URL",
        message: "is required on a public URL (mails cannot go to the local outbox)",
      });
    }
  }

  const dataKey = v.DATA_ENCRYPTION_KEY ? parseEncryptionKey(v.DATA_ENCRYPTION_KEY) : null;
  if (v.DATA_ENCRYPTION_KEY && !dataKey) {
    issues.push({
      variable: "DATA_ENCRYPTION_KEY",
      message: "must be 32 random bytes in base64 (e.g. `openssl rand -base64 32`)",
    });
  } else if (dataKey && isPublicUrl && isWeakSecret(dataKey.key.toString("hex"))) {
    issues.push({
      variable: "DATA_ENCRYPTION_KEY",
      message: "is a default or weak key; use 32 random bytes",
    });
  }
  const previousKeys: EncryptionKey[] = [];
  for (const part of (v.DATA_ENCRYPTION_PREVIOUS_KEYS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const key = parseEncryptionKey(part);
    if (key) previousKeys.push(key);
    else
      issues.push({
        variable: "DATA_ENCRYPTION_PREVIOUS_KEYS",
        message: "must be a comma-separated list of base64 32-byte keys",
      });
  }
  if (!v.AUTH_SECRET)
    issues.push({ variable: "AUTH_SECRET", message: "is required (at least 32 characters)" });
  if (!v.DATA_ENCRYPTION_KEY)
    issues.push({ variable: "DATA_ENCRYPTION_KEY", message: "is required (32 random bytes in base64)" });

  const oidcProviders = parseOidcProviders(source, issues);
  const push = parsePushConfig(v, secretsFromFile, issues);
  const unique = dedupe(issues);
  if (unique.length > 0) throw new EnvError(unique);

  const databaseUrl = resolveDatabaseUrl(v.DATABASE_URL);
  return {
    nodeEnv: v.NODE_ENV,
    port: v.PORT,
    appUrl,
    isPublicUrl,
    secureCookies: appUrl.startsWith("https://"),
    databaseUrl,
    databaseKind: databaseKind(databaseUrl),
    authSecret: v.AUTH_SECRET as string,
    dataEncryptionKey: dataKey as EncryptionKey,
    previousEncryptionKeys: previousKeys,
    trustProxy: v.TRUST_PROXY,
    demoData: v.DEMO_DATA,
    smtpUrl: v.SMTP_URL,
    mailFrom: v.MAIL_FROM,
    sessions: {
      idleMinutes: v.SESSION_IDLE_MINUTES,
      absoluteHours: v.SESSION_ABSOLUTE_HOURS,
      rememberDays: v.SESSION_REMEMBER_DAYS,
    },
    stepUpMaxAgeSeconds: v.STEP_UP_MAX_AGE_SECONDS,
    deletionGraceDays: v.DELETION_GRACE_DAYS,
    profilingSkipBackoffDays: v.PROFILING_SKIP_BACKOFF_DAYS,
    oidcProviders,
    sepaCreditor: { name: v.SEPA_CREDITOR_NAME, identifier: v.SEPA_CREDITOR_ID },
    push,
    generatedSecrets: [...secretsFromFile],
  };
}

/**
 * VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY and VAPID_SUBJECT: all three or none. A generated local pair
 * needs no subject (it defaults to MAIL_FROM's address).
 */
function parsePushConfig(
  v: z.output<typeof EnvSchema>,
  secretsFromFile: readonly GeneratedSecretName[],
  issues: EnvIssue[],
): PushConfig | null {
  const values = { VAPID_PUBLIC_KEY: v.VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY: v.VAPID_PRIVATE_KEY };
  const generated = secretsFromFile.includes("VAPID_PRIVATE_KEY");
  // || rather than ??: an empty line copied from .env.example means "not set".
  const subject = v.VAPID_SUBJECT || (generated ? `mailto:${mailAddress(v.MAIL_FROM)}` : undefined);
  const given = { ...values, VAPID_SUBJECT: subject };
  const missing = Object.entries(given).filter(([, value]) => !value);
  if (missing.length === 3) return null;
  if (missing.length > 0) {
    for (const [name] of missing)
      issues.push({
        variable: name,
        message: "is required when any VAPID_* variable is set (all three or none; `npm run push:keys`)",
      });
    return null;
  }
  const problems: EnvIssue[] = [];
  const publicProblem = vapidPublicKeyProblem(given.VAPID_PUBLIC_KEY as string);
  const privateProblem = vapidPrivateKeyProblem(given.VAPID_PRIVATE_KEY as string);
  const subjectProblem = vapidSubjectProblem(subject as string);
  if (publicProblem) problems.push({ variable: "VAPID_PUBLIC_KEY", message: publicProblem });
  if (privateProblem) problems.push({ variable: "VAPID_PRIVATE_KEY", message: privateProblem });
  if (subjectProblem)
    problems.push({ variable: "VAPID_SUBJECT", message: `${subjectProblem} (got "${subject}")` });
  const pair = {
    publicKey: (given.VAPID_PUBLIC_KEY as string).trim(),
    privateKey: (given.VAPID_PRIVATE_KEY as string).trim(),
  };
  if (!publicProblem && !privateProblem && !vapidKeysMatch(pair))
    problems.push({
      variable: "VAPID_PUBLIC_KEY",
      message: "does not belong to VAPID_PRIVATE_KEY (use one pair)",
    });
  issues.push(...problems);
  return problems.length > 0 ? null : { ...pair, subject: (subject as string).trim() };
}

function mailAddress(mailFrom: string): string {
  return /<([^<>]+)>/.exec(mailFrom)?.[1] ?? mailFrom.trim();
}

function dedupe(issues: EnvIssue[]): EnvIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => (seen.has(i.variable) ? false : (seen.add(i.variable), true)));
}

/**
 * Reads process.env, filling secrets the environment lacks from the local secrets file when the
 * URL is local. Returns the created names so the start script can say so in its log.
 */
export function loadEnv(source: Source = process.env): {
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
