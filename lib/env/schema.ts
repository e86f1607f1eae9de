/**
 * The environment variables and their rules, as one zod schema; every variable is documented in
 * .env.example. parse.ts adds the rules that span variables (a public APP_URL, the key pairs).
 */
import { z } from "zod";
import {
  isValidCreditorIdentifier,
  normaliseCreditorIdentifier,
  TEST_CREDITOR_IDENTIFIER,
} from "@/lib/config/sepa-creditor";
import { LegalEntityEnv } from "./legal-entity";

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

export const EnvSchema = z.object({
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
    .optional(),
  SESSION_IDLE_MINUTES: minutes(5, 24 * 60, 60),
  SESSION_ABSOLUTE_HOURS: minutes(1, 24, 24),
  SESSION_REMEMBER_DAYS: minutes(1, 90, 30),
  STAFF_SESSION_IDLE_MINUTES: minutes(5, 24 * 60, 15),
  STAFF_SESSION_ABSOLUTE_HOURS: minutes(1, 24, 8),
  STEP_UP_MAX_AGE_SECONDS: minutes(60, 3600, 600),
  DELETION_GRACE_DAYS: minutes(0, 90, 14),
  PROFILING_SKIP_BACKOFF_DAYS: minutes(1, 365, 30),
  SEPA_CREDITOR_NAME: emptyAsUnset(
    z
      .string()
      .trim()
      .min(1, "must not be empty")
      .max(70, "must be at most 70 characters (SEPA name field)")
      .optional(),
  ),
  SEPA_CREDITOR_ID: emptyAsUnset(
    z
      .string()
      .transform(normaliseCreditorIdentifier)
      .refine(isValidCreditorIdentifier, "must be a SEPA creditor identifier with valid check digits")
      .default(TEST_CREDITOR_IDENTIFIER),
  ),
  PASSWORD_CONTEXT_WORDS: emptyAsUnset(z.string().max(2000, "must be at most 2000 characters").optional()),
  VAPID_PUBLIC_KEY: z.string().optional(),
  VAPID_PRIVATE_KEY: z.string().optional(),
  VAPID_SUBJECT: z.string().optional(),
  ...LegalEntityEnv,
});

export type EnvValues = z.output<typeof EnvSchema>;
