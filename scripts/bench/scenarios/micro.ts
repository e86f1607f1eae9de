/**
 * The figures `npm run bench` printed before the load bench existed, unchanged: the hot paths in
 * isolation (common-password check, argon2id one at a time, a few SQLite queries) and the timing
 * side of "no enumeration" (scripts/bench.ts, scripts/bench-enumeration.ts). Run as they always
 * ran, as child processes, with their lines kept for the JSON.
 */
import { spawn } from "node:child_process";
import path from "node:path";

export type MicroResult = { script: string; lines: string[]; exitCode: number }[];

const SCRIPTS: { script: string; args: string[] }[] = [
  { script: "scripts/bench.ts", args: [] },
  { script: "scripts/bench-enumeration.ts", args: ["--conditions=react-server"] },
];

function runScript(script: string, args: string[], echo: (line: string) => void) {
  return new Promise<{ lines: string[]; exitCode: number }>((resolve, reject) => {
    const child = spawn(path.join("node_modules", ".bin", "tsx"), [...args, script], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const lines: string[] = [];
    let rest = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      const parts = (rest + chunk).split("\n");
      rest = parts.pop() ?? "";
      for (const line of parts) {
        lines.push(line);
        echo(line);
      }
    });
    child.once("error", reject);
    child.once("close", (code) => {
      if (rest) lines.push(rest);
      resolve({ lines, exitCode: code ?? 1 });
    });
  });
}

export async function benchMicro(echo: (line: string) => void): Promise<MicroResult> {
  const results: MicroResult = [];
  for (const { script, args } of SCRIPTS) {
    const { lines, exitCode } = await runScript(script, args, echo);
    if (exitCode !== 0) throw new Error(`${script} exited with ${exitCode}`);
    results.push({ script, lines, exitCode });
  }
  return results;
}
