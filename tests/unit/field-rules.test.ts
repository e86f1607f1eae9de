/**
 * docs/security/field-rules.md (ASVS 8.1.2) stays in step with the code: the fields it names exist,
 * every sensitive and secret column has a rule, the actions it names exist with the step-up
 * classification it states, and a rule stays "planned" only while what it names is not built.
 */
import { readdirSync, readFileSync } from "node:fs";
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

/** URL paths served by app/ (route groups dropped, every dynamic segment written as `*`). */
function servedPaths(dir = "app", prefix = ""): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isFile()) return /^(page|route)\.tsx?$/.test(entry.name) ? [prefix || "/"] : [];
    if (!entry.isDirectory() || entry.name.startsWith("_")) return [];
    const segment = /^\(.*\)$/.test(entry.name) ? "" : `/${entry.name.replace(/^\[.*\]$/, "*")}`;
    return servedPaths(`${dir}/${entry.name}`, prefix + segment);
  });
}
const served = new Set(servedPaths());
const routeExists = (path: string) => served.has(path.replace(/\{[^}]*\}|\[[^\]]*\]/g, "*"));

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
      expect(actions, action).toMatch(new RegExp(`export (async function|const) ${action}\\b`));
      if (marker) expect(isStepUp(action!), `${action} ${marker}`).toBe(!no);
    }
  });

  it("keeps a rule planned only while the route or action it names is not built", () => {
    const planned = rows.flatMap((row) => row.slice(1).filter((cell) => cell.includes("**planned**")));
    for (const cell of planned) {
      const named = [...cell.matchAll(/`(\/[\w/{}[\].-]*|\w+Action)`/g)].map((m) => m[1]!);
      expect(named.length, `a planned rule names its route or action: ${cell}`).toBeGreaterThan(0);
      for (const name of named) {
        const built = name.endsWith("Action")
          ? new RegExp(`export (async function|const) ${name}\\b`).test(actions)
          : routeExists(name);
        expect(built, `${name} is built, so "${cell}" is no longer planned`).toBe(false);
      }
    }
  });
});
