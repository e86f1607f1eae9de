/**
 * The failed tests of a step, read from the JSON report it wrote, for `npm test`'s summary: a CI log
 * cut to its last lines must still name the test that failed (a step's output tail alone may end in
 * a stack trace without the test's title).
 */
import { readFileSync } from "node:fs";

export type FailedTest = { title: string; error: string };

type VitestReport = {
  testResults?: {
    name: string;
    status?: string;
    message?: string;
    assertionResults?: {
      status: string;
      ancestorTitles?: string[];
      title: string;
      failureMessages?: string[];
    }[];
  }[];
};

type PlaywrightSuite = {
  title?: string;
  file?: string;
  specs?: {
    title: string;
    file?: string;
    line?: number;
    tests?: { projectName?: string; status?: string; results?: { error?: { message?: string } }[] }[];
  }[];
  suites?: PlaywrightSuite[];
};

/**
 * An error message in one log line, without colour codes: its first line and, when the message
 * goes on, its last line before the stack (Prisma puts the cause there: "Unique constraint failed…").
 */
function errorLine(message: string | undefined): string {
  const plain = (message ?? "").replace(/\u001b\[[0-9;]*m/g, "");
  const lines = plain.split("\n").map((l) => l.trim());
  const stackStart = lines.findIndex((l) => /^(at |❯ )/.test(l));
  const text = lines.slice(0, stackStart === -1 ? undefined : stackStart).filter((l) => l !== "");
  const [first, last] = [text[0] ?? "(no message)", text.at(-1)];
  return (last && last !== first ? `${first} … ${last}` : first).slice(0, 300);
}

export function vitestFailures(file: string): FailedTest[] {
  const report = JSON.parse(readFileSync(file, "utf8")) as VitestReport;
  const failed: FailedTest[] = [];
  for (const suite of report.testResults ?? []) {
    const where = suite.name.replace(`${process.cwd()}/`, "");
    const tests = (suite.assertionResults ?? []).filter((t) => t.status === "failed");
    for (const t of tests)
      failed.push({
        title: [where, ...(t.ancestorTitles ?? []), t.title].join(" › "),
        error: errorLine(t.failureMessages?.[0]),
      });
    // A file that failed outside its tests (an import or a hook) has no failed test to name.
    if (tests.length === 0 && suite.status === "failed")
      failed.push({ title: `${where} (file)`, error: errorLine(suite.message) });
  }
  return failed;
}

export function playwrightFailures(file: string): FailedTest[] {
  const report = JSON.parse(readFileSync(file, "utf8")) as { suites?: PlaywrightSuite[] };
  const failed: FailedTest[] = [];
  const walk = (suite: PlaywrightSuite, path: string[]) => {
    const here = suite.title && !suite.file ? [...path, suite.title] : path;
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== "unexpected") continue;
        const error = test.results?.map((r) => r.error?.message).find(Boolean);
        const where = `${spec.file ?? suite.file ?? ""}:${spec.line ?? ""}`;
        failed.push({
          title: `${where} › ${[...here, spec.title].join(" › ")}${test.projectName ? ` [${test.projectName}]` : ""}`,
          error: errorLine(error),
        });
      }
    }
    for (const child of suite.suites ?? []) walk(child, here);
  };
  for (const suite of report.suites ?? []) walk(suite, []);
  return failed;
}
