/**
 * The data classification (docs/security/data-classification.md, lib/config/data-classification.ts)
 * stays true to prisma/schema.prisma: every column in exactly one protection level, `secret` columns
 * stored as decision 0003 says (hashed or sealed), never an audit metadata key, and every level's
 * controls written down. The export half of the rule runs on real databases
 * (tests/integration/data-classification.test.ts).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  classifiedColumns,
  DATA_CLASSIFICATION,
  PROTECTION_LEVELS,
  secretColumns,
} from "@/lib/config/data-classification";
import { AuditMetadataError, sanitizeAuditMetadata } from "@/lib/server/audit/audit-metadata";

/** Model → its columns (scalar and enum fields; relation fields are not columns). */
function schemaColumns(): Map<string, string[]> {
  const schema = readFileSync("prisma/schema.prisma", "utf8");
  const blocks = [...schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)];
  const models = new Set(blocks.map((b) => b[1]!));
  return new Map(
    blocks.map(([, model, body]) => [
      model!,
      body!
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line && !line.startsWith("//") && !line.startsWith("@@"))
        .map((line) => line.split(/\s+/))
        .filter(([, type]) => type && !models.has(type.replace(/[?[\]]/g, "")))
        .map(([name]) => name!),
    ]),
  );
}

const schema = schemaColumns();
const doc = readFileSync("docs/security/data-classification.md", "utf8");

describe("data classification (ASVS 14.1.1, 14.1.2, 14.2.4)", () => {
  it("reads the schema: 35 or more models, the credential tables among them", () => {
    expect(schema.size).toBeGreaterThanOrEqual(35);
    expect(schema.get("PasswordCredential")).toEqual(expect.arrayContaining(["hash", "userId"]));
    expect(schema.get("User")).not.toContain("sessions"); // a relation, not a column
  });

  it("classifies every column of every model, and nothing the schema does not have", () => {
    expect(Object.keys(DATA_CLASSIFICATION).sort()).toEqual([...schema.keys()].sort());
    for (const [model, columns] of schema) {
      const classified = classifiedColumns(model).map((c) => `${model}.${c.column}`);
      expect(classified.sort(), `${model}: each column once`).toEqual(
        columns.map((c) => `${model}.${c}`).sort(),
      );
    }
  });

  it("stores every secret hashed (a Hash column, or the argon2id hash) or sealed (a Ciphertext column and its key id)", () => {
    const secrets = secretColumns();
    expect(secrets.length).toBeGreaterThanOrEqual(10);
    for (const { model, column } of secrets) {
      const sealed = column.endsWith("Ciphertext");
      expect(sealed || /(^h|H)ash$/.test(column), `${model}.${column} is neither hashed nor sealed`).toBe(
        true,
      );
      if (sealed) expect(schema.get(model)).toContain(column.replace(/Ciphertext$/, "KeyId"));
    }
    // The one plain `hash` is the argon2id PHC string (decision 0003), as the schema documents.
    expect(readFileSync("prisma/schema.prisma", "utf8")).toMatch(/PHC string "\$argon2id\$/);
  });

  it("seals every readable-again value: each …Ciphertext column is secret or sensitive, its key id internal", () => {
    for (const [model, columns] of schema) {
      for (const column of columns.filter((c) => c.endsWith("Ciphertext"))) {
        const levels = new Map(classifiedColumns(model).map((c) => [c.column, c.level]));
        expect(["secret", "sensitive"]).toContain(levels.get(column));
        expect(levels.get(column.replace(/Ciphertext$/, "KeyId"))).toBe("internal");
      }
    }
  });

  it.each(secretColumns().map((c) => [`${c.model}.${c.column}`, c.column]))(
    "refuses %s as an audit metadata key",
    (_name, column) => {
      expect(() => sanitizeAuditMetadata({ [column]: "x" }, true)).toThrow(AuditMetadataError);
      expect(() => sanitizeAuditMetadata({ nested: { [column]: "x" } }, true)).toThrow(AuditMetadataError);
      expect(sanitizeAuditMetadata({ [column]: "x" }, false)).toEqual({ [column]: "[redacted]" });
    },
  );

  it("documents each level with its controls, and names the columns of the strictest two", () => {
    for (const level of PROTECTION_LEVELS) expect(doc).toMatch(new RegExp(`^### \`${level}\``, "m"));
    for (const model of Object.keys(DATA_CLASSIFICATION)) {
      for (const { column, level } of classifiedColumns(model)) {
        if (level === "secret" || level === "sensitive") expect(doc).toContain(`${model}.${column}`);
      }
    }
  });
});
