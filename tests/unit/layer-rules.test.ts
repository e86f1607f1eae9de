/**
 * The layer rules of eslint.config.mjs (ARCHITECTURE.md, docs/decisions/0030) can fail: an upward
 * import and an import cycle are reported by ESLint itself, not only by a passing `npm run lint`.
 */
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: process.cwd() });
// The import-path rule alone: the cycle rule would walk the app's whole import graph for each text.
const pathsOnly = new ESLint({ cwd: process.cwd(), overrideConfig: { rules: { "import/no-cycle": "off" } } });

async function ruleIds(code: string, filePath: string) {
  const [result] = await pathsOnly.lintText(code, { filePath });
  return result!.messages.map((m) => m.ruleId);
}

describe("the layer rules", { timeout: 120_000 }, () => {
  it("refuse a domain module importing the request layer", async () => {
    const code = 'import { requireUser } from "@/lib/auth/session";\n\nexport const x = requireUser;\n';
    expect(await ruleIds(code, "lib/server/actor.ts")).toContain("import/no-restricted-paths");
  });

  it("refuse a presentational component importing an action", async () => {
    const code =
      'import { signOutSessionAction } from "@/lib/actions/account-security";\n\nexport const x = signOutSessionAction;\n';
    expect(await ruleIds(code, "components/ui/button.tsx")).toContain("import/no-restricted-paths");
  });

  it("allow the same import downward, from an action", async () => {
    const code = 'import { requireUser } from "@/lib/auth/session";\n\nexport const x = requireUser;\n';
    expect(await ruleIds(code, "lib/actions/account-security.ts")).not.toContain(
      "import/no-restricted-paths",
    );
  });

  it("are on for the app's folders, and the cycle rule finds a cycle", async () => {
    for (const file of ["app/page.tsx", "components/ui/x.tsx", "lib/server/x.ts", "lib/auth/x.ts"]) {
      const config = (await eslint.calculateConfigForFile(file)) as { rules: Record<string, unknown[]> };
      expect(config.rules["import/no-cycle"]?.[0], file).toBe(2);
      expect(config.rules["import/no-restricted-paths"]?.[0], file).toBe(2);
    }
    // The committed fixture a.ts ⇄ b.ts, linted with the same rule and options.
    const cycle = new ESLint({
      cwd: process.cwd(),
      overrideConfig: {
        files: ["tests/fixtures/import-cycle/**"],
        rules: { "import/no-cycle": ["error", { ignoreExternal: true }] },
      },
    });
    const results = await cycle.lintFiles(["tests/fixtures/import-cycle/a.ts"]);
    expect(results[0]!.messages.map((m) => m.ruleId)).toContain("import/no-cycle");
  });
});
