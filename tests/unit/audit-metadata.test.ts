import { describe, expect, it } from "vitest";
import { canonicalJson, computeAuditDataHash, computeAuditEventHash } from "@/lib/server/audit/audit-hash";
import {
  AuditMetadataError,
  isForbiddenMetadataKey,
  redactEmail,
  sanitizeAuditMetadata,
} from "@/lib/server/audit/audit-metadata";
import { AUDIT_EVENT_TYPES } from "@/lib/server/audit/event-types";

describe("redactEmail", () => {
  it.each([
    ["erika.mustermann@example.com", "e***@example.com"],
    [" Erika@Example.COM ", "E***@example.com"],
    ["ö@bücher.de", "ö***@bücher.de"],
    ["no-at-sign", "***"],
    ["@example.com", "***"],
    ["erika@", "***"],
  ])("%j → %j", (email, redacted) => {
    expect(redactEmail(email)).toBe(redacted);
  });
});

describe("audit metadata keys", () => {
  it.each([
    ["password", true],
    ["newPassword", true],
    ["reset_token", true],
    ["clientSecret", true],
    ["IBAN", true],
    ["ibanLast4", true],
    ["tokenId", true],
    ["method", false],
    ["accountLast4", false],
    ["passwordless", false],
    ["emailDomain", false],
  ])("%s forbidden: %s", (key, forbidden) => {
    expect(isForbiddenMetadataKey(key)).toBe(forbidden);
  });

  it("throws outside production, at any depth", () => {
    expect(() => sanitizeAuditMetadata({ a: { b: [{ secret: "x" }] } }, true)).toThrow(AuditMetadataError);
    expect(() => sanitizeAuditMetadata({ a: { b: [{ secret: "x" }] } }, true)).toThrow(/a\.b\[0\]\.secret/);
  });

  it("replaces the value in production instead of failing the customer's change", () => {
    expect(sanitizeAuditMetadata({ method: "PASSWORD", nested: { token: "abc" } }, false)).toEqual({
      method: "PASSWORD",
      nested: { token: "[redacted]" },
    });
  });
});

describe("audit hashes", () => {
  it("canonical JSON ignores key order (PostgreSQL jsonb reorders keys)", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}',
    );
    expect(computeAuditDataHash({ ip: null, userAgent: null, metadata: { b: 1, a: 2 } })).toBe(
      computeAuditDataHash({ ip: null, userAgent: null, metadata: { a: 2, b: 1 } }),
    );
  });

  it("changes the event hash when any hashed field changes", () => {
    const base = {
      partition: 5,
      sequence: 7,
      type: "auth.signed_out",
      actorId: "u1",
      actorRole: "CUSTOMER",
      subjectUserId: "u1",
      targetType: "Session",
      targetId: "s1",
      createdAt: new Date("2026-01-01T00:00:00.000Z"),
      dataHash: "d".repeat(64),
      prevHash: "p".repeat(64),
    };
    const hash = computeAuditEventHash(base);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    const variants = [
      // Another partition, and the legacy partition's formula without it (decision 0074).
      { partition: 6 },
      { partition: 0 },
      { sequence: 8 },
      { type: "auth.session_revoked" },
      { actorId: null },
      { actorRole: "SUPPORT" },
      { subjectUserId: "u2" },
      { targetType: null },
      { targetId: "s2" },
      { createdAt: new Date("2026-01-01T00:00:00.001Z") },
      { dataHash: "e".repeat(64) },
      { prevHash: null },
      // A separator inside a value cannot shift fields into each other.
      { actorId: "u1|CUSTOMER", actorRole: "" },
    ];
    for (const change of variants) expect(computeAuditEventHash({ ...base, ...change })).not.toBe(hash);
  });

  it("lists its event types dotted and unique, the throttle and the consent withdrawal among them", () => {
    expect(new Set(AUDIT_EVENT_TYPES).size).toBe(AUDIT_EVENT_TYPES.length);
    for (const type of AUDIT_EVENT_TYPES) expect(type).toMatch(/^[a-z]+(_[a-z]+)*\.[a-z_]+$/);
    expect(AUDIT_EVENT_TYPES).toContain("auth.sign_in_throttled");
    expect(AUDIT_EVENT_TYPES).toContain("consent.withdrawn");
  });
});
