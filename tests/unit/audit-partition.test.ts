/**
 * The audit log's partitions and signed checkpoints (docs/decisions/0074): one customer's events
 * stay in one partition, the legacy partition 0 is never chosen, and a checkpoint's MAC covers
 * every head and depends on the server secret.
 */
import { describe, expect, it } from "vitest";
import { auditCheckpointMac, isValidCheckpointMac } from "@/lib/server/audit/audit-checkpoint";
import { AUDIT_PARTITIONS, auditPartitionFor } from "@/lib/server/audit/audit-partition";

describe("audit partitions", () => {
  it("keeps one key in one partition and spreads keys over 1…AUDIT_PARTITIONS", () => {
    expect(auditPartitionFor("customer-a")).toBe(auditPartitionFor("customer-a"));
    const used = new Set(Array.from({ length: 2_000 }, (_, i) => auditPartitionFor(`customer-${i}`)));
    expect(Math.min(...used)).toBe(1);
    expect(Math.max(...used)).toBe(AUDIT_PARTITIONS);
    expect(used.size).toBe(AUDIT_PARTITIONS);
  });

  it("spreads events without a key over the partitions, never the legacy one", () => {
    const used = Array.from({ length: 2_000 }, () => auditPartitionFor(null));
    expect(used.every((p) => p >= 1 && p <= AUDIT_PARTITIONS)).toBe(true);
    expect(new Set(used).size).toBeGreaterThan(AUDIT_PARTITIONS / 2);
  });
});

describe("audit checkpoint MAC", () => {
  const fields = {
    number: 3,
    createdAt: new Date("2026-12-07T10:00:00.000Z"),
    heads: [
      [0, 12, "a".repeat(64)],
      [7, 4, "b".repeat(64)],
    ] as [number, number, string | null][],
  };
  const secret = "checkpoint-test-secret-0123456789abcdef";

  it("verifies under its secret and fails for any changed head, number, time or secret", () => {
    const mac = auditCheckpointMac(secret, fields);
    expect(isValidCheckpointMac(secret, fields, mac)).toBe(true);
    const changed = [
      { ...fields, number: 4 },
      { ...fields, createdAt: new Date("2026-12-07T10:00:00.001Z") },
      { ...fields, heads: [fields.heads[0]!, [7, 3, "b".repeat(64)]] as typeof fields.heads },
      { ...fields, heads: [fields.heads[0]!, [7, 4, "c".repeat(64)]] as typeof fields.heads },
      { ...fields, heads: [fields.heads[0]!] },
    ];
    for (const other of changed) expect(isValidCheckpointMac(secret, other, mac)).toBe(false);
    expect(isValidCheckpointMac(`${secret}x`, fields, mac)).toBe(false);
    const tampered = `${mac.startsWith("A") ? "B" : "A"}${mac.slice(1)}`;
    expect(isValidCheckpointMac(secret, fields, tampered)).toBe(false);
  });
});
