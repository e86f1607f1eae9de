/** The Web Push key pair and contact from the environment (docs/decisions/0014). */
import type { EnvIssue, PushConfig } from "./env-types";
import type { GeneratedSecretName } from "./local-secrets";
import type { EnvValues } from "./schema";
import {
  vapidKeysMatch,
  vapidPrivateKeyProblem,
  vapidPublicKeyProblem,
  vapidSubjectProblem,
} from "./vapid-keys";

/**
 * VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY and VAPID_SUBJECT: all three or none. A generated local pair
 * needs no subject (it defaults to MAIL_FROM's address).
 */
export function parsePushConfig(
  v: EnvValues & { MAIL_FROM: string },
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
