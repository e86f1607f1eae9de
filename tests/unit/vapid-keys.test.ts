/**
 * VAPID configuration: key format checks, the pair check, the "all three or none" rule, the
 * generated local pair (in a temporary secrets file) and that a public URL without keys starts
 * with push unavailable instead of refusing (docs/decisions/0014).
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import webpush from "web-push";
import { afterEach, describe, expect, it } from "vitest";
import { EnvError, parseEnv, type EnvIssue } from "@/lib/env";
import { ensureLocalSecrets, secretsToGenerate, type GeneratedSecretName } from "@/lib/env/local-secrets";
import {
  generateVapidKeys,
  vapidKeysMatch,
  vapidPrivateKeyProblem,
  vapidPublicKeyProblem,
  vapidSubjectProblem,
} from "@/lib/env/vapid-keys";

const STRONG = {
  AUTH_SECRET: "q8Yt3vN1xK0pLm2Rz7Wc5Hs9Ud4Fe6Gj",
  DATA_ENCRYPTION_KEY: Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 37 + 11) % 256)).toString(
    "base64",
  ),
};
const PUBLIC = {
  APP_URL: "https://konto.example.de",
  SMTP_URL: "smtps://u:p@mail.example.de:465",
  SEPA_CREDITOR_ID: "DE79ZZZ01234567890",
};
const PAIR = generateVapidKeys();
const VAPID = {
  VAPID_PUBLIC_KEY: PAIR.publicKey,
  VAPID_PRIVATE_KEY: PAIR.privateKey,
  VAPID_SUBJECT: "mailto:push@example.de",
};

function issuesOf(source: Record<string, string | undefined>, generated: GeneratedSecretName[] = []) {
  try {
    parseEnv(source, generated);
    return [];
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    return error.issues;
  }
}
const variables = (issues: EnvIssue[]) => issues.map((i) => i.variable).sort();

describe("VAPID keys", () => {
  it("generates pairs that web-push accepts and that match", () => {
    for (let i = 0; i < 20; i++) {
      const pair = generateVapidKeys();
      expect(vapidPublicKeyProblem(pair.publicKey)).toBeNull();
      expect(vapidPrivateKeyProblem(pair.privateKey)).toBeNull();
      expect(vapidKeysMatch(pair)).toBe(true);
      expect(() =>
        webpush.setVapidDetails("mailto:push@example.de", pair.publicKey, pair.privateKey),
      ).not.toThrow();
    }
  });

  it("accepts web-push's own generated pairs", () => {
    const pair = webpush.generateVAPIDKeys();
    expect(vapidPublicKeyProblem(pair.publicKey)).toBeNull();
    expect(vapidKeysMatch(pair)).toBe(true);
  });

  it.each([
    ["empty", ""],
    ["padded base64", `${PAIR.publicKey}=`],
    ["standard base64 alphabet", PAIR.publicKey.replace(/-/g, "+").replace(/_/g, "/") + "+"],
    ["too short", PAIR.publicKey.slice(0, 60)],
    ["compressed point", Buffer.from([0x02, ...new Uint8Array(32).fill(7)]).toString("base64url")],
    ["not on the curve", Buffer.from([0x04, ...new Uint8Array(64).fill(1)]).toString("base64url")],
  ])("refuses a public key that is %s", (_, value) => {
    expect(vapidPublicKeyProblem(value)).not.toBeNull();
  });

  it.each([
    ["empty", ""],
    ["31 bytes", Buffer.alloc(31, 1).toString("base64url")],
    ["33 bytes", Buffer.alloc(33, 1).toString("base64url")],
    ["not base64url", "!".repeat(43)],
  ])("refuses a private key that is %s", (_, value) => {
    expect(vapidPrivateKeyProblem(value)).not.toBeNull();
  });

  it("detects a public key from another pair", () => {
    expect(vapidKeysMatch({ publicKey: generateVapidKeys().publicKey, privateKey: PAIR.privateKey })).toBe(
      false,
    );
  });

  it.each([
    ["mailto:push@example.de", true],
    ["https://konto.example.de/push-contact", true],
    ["http://konto.example.de", false],
    ["push@example.de", false],
    ["mailto:", false],
    ["ftp://example.de", false],
  ])("subject %s is valid: %s", (subject, valid) => {
    expect(vapidSubjectProblem(subject) === null).toBe(valid);
  });
});

describe("parseEnv: VAPID_*", () => {
  it("reads all three into env.push", () => {
    expect(parseEnv({ ...STRONG, ...VAPID }).push).toEqual({
      publicKey: PAIR.publicKey,
      privateKey: PAIR.privateKey,
      subject: "mailto:push@example.de",
    });
  });

  it("runs without push when none is set, also on a public URL", () => {
    expect(parseEnv({ ...STRONG }).push).toBeNull();
    const env = parseEnv({ ...STRONG, ...PUBLIC });
    expect(env.isPublicUrl).toBe(true);
    expect(env.push).toBeNull();
  });

  it("accepts explicit keys on a public URL", () => {
    expect(parseEnv({ ...STRONG, ...PUBLIC, ...VAPID }).push?.publicKey).toBe(PAIR.publicKey);
  });

  it("names the missing ones when only some are set (all three or none)", () => {
    const issues = issuesOf({ ...STRONG, VAPID_PUBLIC_KEY: PAIR.publicKey });
    expect(variables(issues)).toEqual(["VAPID_PRIVATE_KEY", "VAPID_SUBJECT"]);
    expect(issues[0]?.message).toMatch(/all three or none/);
    expect(variables(issuesOf({ ...STRONG, VAPID_SUBJECT: VAPID.VAPID_SUBJECT }))).toEqual([
      "VAPID_PRIVATE_KEY",
      "VAPID_PUBLIC_KEY",
    ]);
  });

  it("names malformed values with the reason and never echoes a key", () => {
    const issues = issuesOf({
      ...STRONG,
      VAPID_PUBLIC_KEY: "not-a-key",
      VAPID_PRIVATE_KEY: "also-not",
      VAPID_SUBJECT: "push@example.de",
    });
    expect(variables(issues)).toEqual(["VAPID_PRIVATE_KEY", "VAPID_PUBLIC_KEY", "VAPID_SUBJECT"]);
    const byName = Object.fromEntries(issues.map((i) => [i.variable, i.message]));
    expect(byName.VAPID_PUBLIC_KEY).toMatch(/65 bytes/);
    expect(byName.VAPID_PRIVATE_KEY).toMatch(/32 bytes/);
    expect(byName.VAPID_SUBJECT).toMatch(/^must be a mailto: .*https: .*\(got "push@example.de"\)$/);
    expect(JSON.stringify(issues)).not.toContain("also-not");
  });

  it("refuses a mixed-up pair", () => {
    const issues = issuesOf({ ...STRONG, ...VAPID, VAPID_PUBLIC_KEY: generateVapidKeys().publicKey });
    expect(issues).toEqual([
      { variable: "VAPID_PUBLIC_KEY", message: "does not belong to VAPID_PRIVATE_KEY (use one pair)" },
    ]);
  });

  it("treats empty lines (a copied .env.example) as not set", () => {
    expect(
      parseEnv({ ...STRONG, VAPID_PUBLIC_KEY: "", VAPID_PRIVATE_KEY: "", VAPID_SUBJECT: "" }).push,
    ).toBeNull();
    const generated = parseEnv(
      { ...STRONG, VAPID_PUBLIC_KEY: PAIR.publicKey, VAPID_PRIVATE_KEY: PAIR.privateKey, VAPID_SUBJECT: "" },
      ["VAPID_PUBLIC_KEY", "VAPID_PRIVATE_KEY"],
    );
    expect(generated.push?.subject).toBe("mailto:no-reply@localhost");
  });

  it("gives a generated local pair MAIL_FROM's address as subject", () => {
    const env = parseEnv(
      {
        ...STRONG,
        VAPID_PUBLIC_KEY: PAIR.publicKey,
        VAPID_PRIVATE_KEY: PAIR.privateKey,
        MAIL_FROM: "Shop <konto@shop.test>",
      },
      ["VAPID_PUBLIC_KEY", "VAPID_PRIVATE_KEY"],
    );
    expect(env.push?.subject).toBe("mailto:konto@shop.test");
  });

  it("refuses a generated pair on a public URL", () => {
    const issues = issuesOf({ ...STRONG, ...PUBLIC, ...VAPID }, ["VAPID_PUBLIC_KEY", "VAPID_PRIVATE_KEY"]);
    expect(variables(issues)).toEqual(["VAPID_PRIVATE_KEY", "VAPID_PUBLIC_KEY"]);
    expect(issues[0]?.message).toMatch(/generated development secrets are refused/);
  });
});

describe("local VAPID pair", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it("is generated once into the owner-only secrets file and kept on the next start", () => {
    dir = mkdtempSync(path.join(tmpdir(), "vapid-"));
    const file = path.join(dir, "secrets.json");
    const missing = secretsToGenerate({ NODE_ENV: "development" });
    expect(missing).toEqual(["AUTH_SECRET", "DATA_ENCRYPTION_KEY", "VAPID_PUBLIC_KEY", "VAPID_PRIVATE_KEY"]);
    const first = ensureLocalSecrets(missing, file);
    expect(first.created).toEqual(missing);
    const pair = {
      publicKey: first.secrets.VAPID_PUBLIC_KEY ?? "",
      privateKey: first.secrets.VAPID_PRIVATE_KEY ?? "",
    };
    expect(vapidKeysMatch(pair)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const second = ensureLocalSecrets(missing, file);
    expect(second.created).toEqual([]);
    expect(second.secrets).toEqual(first.secrets);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual(first.secrets);
  });

  it("replaces a lone half in the file with a whole new pair", () => {
    dir = mkdtempSync(path.join(tmpdir(), "vapid-"));
    const file = path.join(dir, "secrets.json");
    writeFileSync(file, JSON.stringify({ VAPID_PUBLIC_KEY: PAIR.publicKey }), { mode: 0o600 });
    const pair = ensureLocalSecrets(["VAPID_PUBLIC_KEY", "VAPID_PRIVATE_KEY"], file).secrets;
    expect(pair.VAPID_PUBLIC_KEY).not.toBe(PAIR.publicKey);
    expect(
      vapidKeysMatch({ publicKey: pair.VAPID_PUBLIC_KEY ?? "", privateKey: pair.VAPID_PRIVATE_KEY ?? "" }),
    ).toBe(true);
  });

  it("is not generated under NODE_ENV=test nor to complete half a pair from the environment", () => {
    expect(secretsToGenerate({ NODE_ENV: "test" })).toEqual(["AUTH_SECRET", "DATA_ENCRYPTION_KEY"]);
    expect(secretsToGenerate({ ...STRONG, VAPID_PUBLIC_KEY: PAIR.publicKey })).toEqual([]);
    expect(secretsToGenerate({ ...STRONG, ...VAPID })).toEqual([]);
  });
});
