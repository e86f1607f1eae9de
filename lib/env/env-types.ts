/** The validated environment as the app reads it, and the error that names each bad variable. */
import type { SessionLifetimes } from "@/lib/config/sessions";
import type { DatabaseKind } from "@/lib/db/database-url";
import type { LegalEntity } from "./legal-entity";
import type { GeneratedSecretName } from "./local-secrets";
import type { OidcProviderConfig } from "./oidc";

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
  /** The operator named on the imprint, SEPA mandates and mails (docs/decisions/0065). */
  legalEntity: LegalEntity;
  sessions: SessionLifetimes;
  /** How recent a sign-in or step-up must be for a sensitive action (requireRecentAuth). */
  stepUpMaxAgeSeconds: number;
  /** Days between a deletion request and the erasure job's run for it (0: the next run). */
  deletionGraceDays: number;
  /** Days a skipped progressive-profiling question stays away (docs/decisions/0017). */
  profilingSkipBackoffDays: number;
  oidcProviders: OidcProviderConfig[];
  /** The creditor named on SEPA direct-debit mandates (docs/decisions/0012). */
  sepaCreditor: { name: string; identifier: string };
  /** Words new passwords must not contain besides the product's (docs/decisions/0032), as configured. */
  passwordContextWords: string[];
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
