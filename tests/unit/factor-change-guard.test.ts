/**
 * Keeps factor changes behind the strongest factor (docs/decisions/0024): every exported server action that calls a
 * factor-changing domain function goes through the one guard (requireRecentAuth or
 * requireRecentAuthForPage with strength "strongest") before it does, and the list of such
 * actions is the one tests/integration/factor-changes-every-action.test.ts runs with a too-weak session.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  FACTOR_CHANGES_WITHOUT_SESSION,
  FACTOR_CHANGING_ACTIONS,
  FACTOR_MUTATIONS,
} from "../support/factor-changing-actions";

const ACTIONS_DIR = path.resolve("lib/actions");

/** Each exported function of a "use server" module with its body (up to the next export). */
function exportedActions(): { name: string; body: string }[] {
  const found: { name: string; body: string }[] = [];
  for (const file of readdirSync(ACTIONS_DIR).filter((f) => f.endsWith(".ts"))) {
    const source = readFileSync(path.join(ACTIONS_DIR, file), "utf8");
    const starts = [...source.matchAll(/^export async function (\w+)/gm)];
    starts.forEach((match, i) => {
      const end = starts[i + 1]?.index ?? source.length;
      found.push({
        name: `${file.replace(/\.ts$/, "")}.${match[1]}`,
        body: source.slice(match.index, end),
      });
    });
  }
  return found;
}

const calls = (body: string, fn: string) => new RegExp(`\\b${fn}\\(`).test(body);
/** The guard's call, options included (up to its closing "});"), with strength "strongest". */
const GUARD = /requireRecentAuth(?:ForPage)?\(\{(?:(?!\}\);)[\s\S])*strength: "strongest"/;

describe("factor changes need the strongest factor (one guard)", () => {
  const actions = exportedActions();
  const changing = actions.filter((a) => FACTOR_MUTATIONS.some((fn) => calls(a.body, fn)));

  it("finds the actions", () => {
    // A reader of this test sees the scan work: the known actions are there.
    expect(actions.length).toBeGreaterThan(30);
    expect(changing.length).toBeGreaterThanOrEqual(FACTOR_CHANGING_ACTIONS.length);
  });

  it("lists exactly the factor-changing actions that have a session", () => {
    const names = changing.map((a) => a.name).filter((n) => !(n in FACTOR_CHANGES_WITHOUT_SESSION));
    expect(names.sort()).toEqual([...FACTOR_CHANGING_ACTIONS].sort());
  });

  it("names each exception that has no session to step up, and nothing else", () => {
    const names = changing.map((a) => a.name).filter((n) => n in FACTOR_CHANGES_WITHOUT_SESSION);
    expect(names.sort()).toEqual(Object.keys(FACTOR_CHANGES_WITHOUT_SESSION).sort());
  });

  it.each(FACTOR_CHANGING_ACTIONS)("%s passes the guard before it changes anything", (name) => {
    const action = actions.find((a) => a.name === name);
    expect(action, `${name} is exported from lib/actions`).toBeDefined();
    const body = action?.body ?? "";
    const guard = body.search(GUARD);
    expect(guard, `${name} calls requireRecentAuth({ strength: "strongest" })`).toBeGreaterThan(-1);
    for (const fn of FACTOR_MUTATIONS) {
      const at = body.search(new RegExp(`\\b${fn}\\(`));
      if (at > -1) expect(at, `${name} calls ${fn} only after the guard`).toBeGreaterThan(guard);
    }
  });
});
