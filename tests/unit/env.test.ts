import { describe, expect, it } from "vitest";
import { EnvError, isLocalUrl, parseEncryptionKey, parseEnv } from "@/lib/env";

const PUBLIC = {
  APP_URL: "https://konto.example.de",
  SMTP_URL: "smtps://u:p@mail.example.de:465",
  SEPA_CREDITOR_ID: "DE79ZZZ01234567890",
};
const STRONG = {
  AUTH_SECRET: "q8Yt3vN1xK0pLm2Rz7Wc5Hs9Ud4Fe6Gj",
  DATA_ENCRYPTION_KEY: Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 37 + 11) % 256)).toString(
    "base64",
  ),
};

function issuesOf(
  source: Record<string, string | undefined>,
  generated: ("AUTH_SECRET" | "DATA_ENCRYPTION_KEY")[] = [],
) {
  try {
    parseEnv(source, generated);
    return [];
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    return error.issues;
  }
}

describe("parseEnv", () => {
  it("accepts the zero-configuration defaults once secrets exist", () => {
    const env = parseEnv({ ...STRONG }, ["AUTH_SECRET", "DATA_ENCRYPTION_KEY"]);
    expect(env.port).toBe(3000);
    expect(env.appUrl).toBe("http://localhost:3000");
    expect(env.isPublicUrl).toBe(false);
    expect(env.databaseKind).toBe("sqlite");
    expect(env.databaseUrl).toMatch(/^file:\/.*\.data\/portal\.db$/);
    expect(env.dataEncryptionKey.key).toHaveLength(32);
  });

  it.each([
    [{ PORT: "abc" }, "PORT", /whole number/],
    [{ PORT: "70000" }, "PORT", /whole number/],
    [{ APP_URL: "not a url" }, "APP_URL", /absolute http/],
    [{ APP_URL: "ftp://x.example" }, "APP_URL", /absolute http/],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL", /file: .*postgresql/],
    [{ TRUST_PROXY: "yes" }, "TRUST_PROXY", /"1" or "0"/],
    [{ DEMO_DATA: "maybe" }, "DEMO_DATA", /auto, on or off/],
    [{ SMTP_URL: "http://mail.example.de" }, "SMTP_URL", /smtp:\/\/ or smtps:\/\//],
    [{ MAIL_FROM: "nobody" }, "MAIL_FROM", /must be an address/],
    [{ SESSION_ABSOLUTE_HOURS: "48" }, "SESSION_ABSOLUTE_HOURS", /from 1 to 24/],
    [{ OIDC_PROVIDERS: "google" }, "OIDC_GOOGLE_ISSUER", /issuer URL/],
    [
      { OIDC_PROVIDERS: "google", OIDC_GOOGLE_ISSUER: "https://accounts.google.com" },
      "OIDC_GOOGLE_CLIENT_ID",
      /required/,
    ],
    [{ AUTH_SECRET: "short" }, "AUTH_SECRET", /at least 32/],
    [{ DATA_ENCRYPTION_KEY: "c2hvcnQ=" }, "DATA_ENCRYPTION_KEY", /32 random bytes/],
  ])("names the variable and the reason for %j", (override, variable, reason) => {
    const issues = issuesOf({ ...STRONG, ...override });
    const issue = issues.find((i) => i.variable === variable);
    expect(issue?.message).toMatch(reason);
  });

  it("does not echo secret values in messages", () => {
    const issues = issuesOf({ ...STRONG, AUTH_SECRET: "tooshort-but-secret" });
    expect(JSON.stringify(issues)).not.toContain("tooshort-but-secret");
  });

  it("refuses generated secrets, missing secrets and http on a public URL", () => {
    const issues = issuesOf({ ...STRONG, APP_URL: "http://konto.example.de" }, [
      "AUTH_SECRET",
      "DATA_ENCRYPTION_KEY",
    ]);
    expect(issues.map((i) => i.variable).sort()).toEqual([
      "APP_URL",
      "AUTH_SECRET",
      "DATA_ENCRYPTION_KEY",
      "SEPA_CREDITOR_ID",
      "SMTP_URL",
    ]);
    expect(
      issuesOf({ APP_URL: "https://konto.example.de", SMTP_URL: "smtp://mail.example.de" })
        .map((i) => i.variable)
        .sort(),
    ).toEqual(["AUTH_SECRET", "DATA_ENCRYPTION_KEY", "SEPA_CREDITOR_ID"]);
  });

  it("refuses weak and default secrets on a public URL", () => {
    const weak = issuesOf({
      ...STRONG,
      ...PUBLIC,
      AUTH_SECRET: "changeme-changeme-changeme-changeme",
    });
    expect(weak).toEqual([
      expect.objectContaining({ variable: "AUTH_SECRET", message: expect.stringMatching(/weak/) }),
    ]);
    const zeros = issuesOf({
      ...STRONG,
      ...PUBLIC,
      DATA_ENCRYPTION_KEY: Buffer.alloc(32).toString("base64"),
    });
    expect(zeros).toEqual([expect.objectContaining({ variable: "DATA_ENCRYPTION_KEY" })]);
  });

  it("reads the SEPA creditor, normalised, and names an identifier with wrong check digits", () => {
    const env = parseEnv({
      ...STRONG,
      SEPA_CREDITOR_NAME: "Beispiel Shop GmbH",
      SEPA_CREDITOR_ID: "de79 zzz0 1234 5678 90",
    });
    expect(env.sepaCreditor).toEqual({ name: "Beispiel Shop GmbH", identifier: "DE79ZZZ01234567890" });
    expect(parseEnv({ ...STRONG, SEPA_CREDITOR_ID: "" }).sepaCreditor.identifier).toBe("DE98ZZZ09999999999");
    expect(issuesOf({ ...STRONG, SEPA_CREDITOR_ID: "DE78ZZZ01234567890" })).toEqual([
      expect.objectContaining({
        variable: "SEPA_CREDITOR_ID",
        message: expect.stringContaining("check digits"),
      }),
    ]);
  });

  it("refuses the Bundesbank test creditor identifier on a public URL", () => {
    expect(issuesOf({ ...STRONG, ...PUBLIC, SEPA_CREDITOR_ID: undefined })).toEqual([
      expect.objectContaining({
        variable: "SEPA_CREDITOR_ID",
        message: expect.stringContaining("test identifier"),
      }),
    ]);
  });

  it("accepts explicit strong secrets on a public https URL and refuses demo data there", () => {
    expect(parseEnv({ ...STRONG, ...PUBLIC }).isPublicUrl).toBe(true);
    expect(issuesOf({ ...STRONG, ...PUBLIC, DEMO_DATA: "on" })).toEqual([
      expect.objectContaining({ variable: "DEMO_DATA" }),
    ]);
  });
});

describe("social login providers", () => {
  it("reads several providers with their names", () => {
    const env = parseEnv({
      ...STRONG,
      OIDC_PROVIDERS: "google, apple",
      OIDC_GOOGLE_ISSUER: "https://accounts.google.com/",
      OIDC_GOOGLE_CLIENT_ID: "gid",
      OIDC_GOOGLE_CLIENT_SECRET: "gsecret",
      OIDC_APPLE_ISSUER: "https://appleid.apple.com",
      OIDC_APPLE_CLIENT_ID: "aid",
      OIDC_APPLE_CLIENT_SECRET: "asecret",
      OIDC_APPLE_NAME: "Apple",
    });
    expect(env.oidcProviders).toEqual([
      {
        key: "google",
        name: "Google",
        issuer: "https://accounts.google.com",
        clientId: "gid",
        clientSecret: "gsecret",
      },
      {
        key: "apple",
        name: "Apple",
        issuer: "https://appleid.apple.com",
        clientId: "aid",
        clientSecret: "asecret",
      },
    ]);
  });
});

describe("isLocalUrl", () => {
  it.each([
    ["http://localhost:3000", true],
    ["http://127.0.0.1:8080", true],
    ["http://[::1]:3000", true],
    ["http://portal.localhost", true],
    ["https://konto.example.de", false],
    ["http://10.0.0.5", false],
  ])("%s → %s", (url, local) => expect(isLocalUrl(url)).toBe(local));
});

describe("parseEncryptionKey", () => {
  it("derives a stable key id from the key and rejects wrong lengths", () => {
    const a = parseEncryptionKey(STRONG.DATA_ENCRYPTION_KEY);
    expect(a?.id).toMatch(/^[0-9a-f]{12}$/);
    expect(parseEncryptionKey(STRONG.DATA_ENCRYPTION_KEY)?.id).toBe(a?.id);
    expect(parseEncryptionKey(Buffer.alloc(16, 1).toString("base64"))).toBeNull();
    expect(parseEncryptionKey("not base64 at all!")).toBeNull();
  });
});
