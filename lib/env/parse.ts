/**
 * Pure validation of the environment: no files, no process.env. On a public APP_URL the app
 * refuses generated, default or weak secrets and the test creditor id, and requires SMTP.
 */
import { createHash } from "node:crypto";
import { databaseKind, resolveDatabaseUrl } from "@/lib/db/database-url";
import { TEST_CREDITOR_IDENTIFIER } from "@/lib/config/sepa-creditor";
import { operatorContextWords } from "@/lib/config/password-context-words";
import { EnvError, type EncryptionKey, type Env, type EnvIssue } from "./env-types";
import { GENERATED_SECRET_NAMES, OPTIONAL_SECRET_NAMES, type GeneratedSecretName } from "./local-secrets";
import { parseOidcProviders } from "./oidc";
import { parseLegalEntity } from "./legal-entity";
import { parsePushConfig } from "./push";
import { EnvSchema } from "./schema";
import { isWeakSecret } from "./weak-secrets";

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

export type EnvSource = Record<string, string | undefined>;

/** Pure validation: no files, no process.env. `secretsFromFile` names the secrets that were generated. */
export function parseEnv(source: EnvSource, secretsFromFile: readonly GeneratedSecretName[] = []): Env {
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
  // One legal entity: unless set on their own, the SEPA creditor and the mail sender are it.
  const legalEntity = parseLegalEntity(v, issues);
  const mailFrom = v.MAIL_FROM ?? `"${legalEntity.name.replace(/["\\]/g, "")}" <no-reply@localhost>`;
  const creditorName = v.SEPA_CREDITOR_NAME ?? legalEntity.name;
  const push = parsePushConfig({ ...v, MAIL_FROM: mailFrom }, secretsFromFile, issues);
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
    mailFrom,
    legalEntity,
    sessions: {
      idleMinutes: v.SESSION_IDLE_MINUTES,
      absoluteHours: v.SESSION_ABSOLUTE_HOURS,
      rememberDays: v.SESSION_REMEMBER_DAYS,
      staffIdleMinutes: v.STAFF_SESSION_IDLE_MINUTES,
      staffAbsoluteHours: v.STAFF_SESSION_ABSOLUTE_HOURS,
    },
    stepUpMaxAgeSeconds: v.STEP_UP_MAX_AGE_SECONDS,
    deletionGraceDays: v.DELETION_GRACE_DAYS,
    profilingSkipBackoffDays: v.PROFILING_SKIP_BACKOFF_DAYS,
    oidcProviders,
    sepaCreditor: { name: creditorName, identifier: v.SEPA_CREDITOR_ID },
    passwordContextWords: operatorContextWords({
      configured: v.PASSWORD_CONTEXT_WORDS,
      creditorName,
    }),
    push,
    generatedSecrets: [...secretsFromFile],
  };
}

function dedupe(issues: EnvIssue[]): EnvIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => (seen.has(i.variable) ? false : (seen.add(i.variable), true)));
}
