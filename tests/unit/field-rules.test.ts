/**
 * docs/security/field-rules.md (ASVS 8.1.2) stays in step with the code: the fields it names exist,
 * every sensitive and secret column has a rule, the actions it names exist with the step-up
 * classification it states, and roles whose consoles are still placeholders get no built rule.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { classifiedColumns, DATA_CLASSIFICATION } from "@/lib/config/data-classification";

const doc = readFileSync("docs/security/field-rules.md", "utf8");
const schema = readFileSync("prisma/schema.prisma", "utf8");
const actions = readdirSync("lib/actions")
  .map((file) => readFileSync(`lib/actions/${file}`, "utf8"))
  .join("\n");
const stepUpSpec = readFileSync("tests/security/step-up.spec.ts", "utf8");

function modelColumns(model: string): string[] {
  const body = new RegExp(`^model ${model} \\{([\\s\\S]*?)^\\}`, "m").exec(schema)?.[1] ?? "";
  return body.split("\n").map((line) => line.trim().split(/\s+/)[0] ?? "");
}

/** Table rows as cells: field, customer, support, marketing, API. */
const rows = doc
  .split("\n")
  .filter((line) => line.startsWith("| `"))
  .map((line) => line.split(" | ").map((cell) => cell.replace(/^\| |\s*\|$/g, "").trim()));

const isStepUp = (action: string) =>
  new RegExp(`\\b${action}: (STEP_UP\\b|\\{\\s*stepUp: true)`).test(stepUpSpec);

describe("field rules (ASVS 8.1.2)", () => {
  it("has a row of five cells for each field group", () => {
    expect(rows.length).toBeGreaterThanOrEqual(20);
    for (const row of rows) expect(row, row[0]).toHaveLength(5);
  });

  it("names only fields that exist in prisma/schema.prisma", () => {
    const named = [...doc.matchAll(/`([A-Z]\w+)\.(\w+)`/g)].map(([, model, field]) => ({ model, field }));
    expect(named.length).toBeGreaterThan(40);
    for (const { model, field } of named) expect(modelColumns(model!), `${model}.${field}`).toContain(field);
  });

  it("gives every sensitive and secret column its rule", () => {
    const fieldCells = rows.map((row) => row[0]).join(" ");
    for (const model of Object.keys(DATA_CLASSIFICATION)) {
      for (const { column, level } of classifiedColumns(model)) {
        if (level === "sensitive" || level === "secret")
          expect(fieldCells).toContain(`\`${model}.${column}\``);
      }
    }
  });

  it("names only actions that exist, each with its step-up classification", () => {
    const named = [...doc.matchAll(/`(\w+Action)`( \((no )?step-up\))?/g)];
    expect(named.length).toBeGreaterThan(20);
    for (const [, action, marker, no] of named) {
      expect(actions, action).toMatch(new RegExp(`export async function ${action}\\b`));
      if (marker) expect(isStepUp(action!), `${action} ${marker}`).toBe(!no);
    }
  });

  it("writes only never or planned rules for a console or API that is not built", () => {
    const placeholder = (page: string) => readFileSync(page, "utf8").includes("PlaceholderPage");
    // Cells: 0 field, 1 customer, 2 support, 3 marketing, 4 API.
    const columns: [number, boolean][] = [
      [2, placeholder("app/(staff)/support/page.tsx")],
      [3, placeholder("app/(staff)/marketing/page.tsx")],
      [4, !existsSync("app/api/v1")],
    ];
    for (const [index, isPlaceholder] of columns) {
      if (!isPlaceholder) continue;
      for (const row of rows) expect(row[index], row[0]).toMatch(/^never\b|\*\*planned\*\*/);
    }
  });
});
