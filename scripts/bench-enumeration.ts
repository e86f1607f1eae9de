/**
 * Timing side of "no enumeration" (docs/decisions/0005): median time of registration, sign-in and reset for a
 * known vs an unknown address, through the real domain functions on a fresh SQLite database.
 * Run by `npm run bench` (with the react-server condition, which these server modules require).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const dir = mkdtempSync(path.join(tmpdir(), "portal-bench-enum-"));
process.env.DATABASE_URL = `file:${path.join(dir, "bench.db")}`;
process.env.MAIL_OUTBOX_DIR = path.join(dir, "outbox");
process.env.AUTH_SECRET ??= "bench-only-secret-0123456789abcdefghijklmnop";
process.env.DATA_ENCRYPTION_KEY ??= Buffer.alloc(32, 7).toString("base64");
// The mails go to a throwaway outbox; a line per mail would bury the figures.
const info = console.info.bind(console);
console.info = (...args: unknown[]) => {
  if (typeof args[0] !== "string" || !args[0].startsWith("[mail] outbox:")) info(...args);
};

const { prepareDatabase } = await import("../tests/support/prepare-database");
await prepareDatabase(process.env.DATABASE_URL);
const { db } = await import("../lib/db");
const { hashPassword } = await import("../lib/server/passwords/password-hash");
const { registerWithPassword } = await import("../lib/server/identity/register");
const { signInWithPassword } = await import("../lib/server/identity/sign-in");
const { requestPasswordReset } = await import("../lib/server/identity/password-reset");

const RUNS = 25;
const password = "Ein sicherer Satz für die Messung";
const client = (i: number) => ({
  ip: `10.${Math.floor(i / 250)}.${i % 250}.1`,
  userAgent: "bench",
  browser: null,
  os: null,
  location: null,
});
let n = 0;

async function median(fn: (i: number) => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    // Measure the real paths, not the throttle's fast refusal after a few attempts on one account.
    await db.rateLimitBucket.deleteMany({});
    const start = process.hrtime.bigint();
    await fn(n++);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const known = "bekannt@example.com";
await db.user.create({
  data: {
    email: known,
    emailNormalized: known,
    passwordCredential: { create: { hash: await hashPassword(password) } },
  },
});
const unknown = () => `unbekannt.${n}.${Math.random().toString(36).slice(2)}@example.com`;

const cases: [string, (i: number) => Promise<unknown>, (i: number) => Promise<unknown>][] = [
  [
    "register",
    (i) => registerWithPassword({ email: known, password, locale: "de", client: client(i) }),
    (i) => registerWithPassword({ email: unknown(), password, locale: "de", client: client(i) }),
  ],
  [
    "sign-in (wrong password vs unknown)",
    (i) =>
      signInWithPassword({
        email: known,
        password: "falsch",
        rememberMe: false,
        deviceCookieId: "b",
        client: client(i),
      }),
    (i) =>
      signInWithPassword({
        email: unknown(),
        password: "falsch",
        rememberMe: false,
        deviceCookieId: "b",
        client: client(i),
      }),
  ],
  [
    "password reset request",
    (i) => requestPasswordReset({ email: known, client: client(i) }),
    (i) => requestPasswordReset({ email: unknown(), client: client(i) }),
  ],
];
for (const [name, forKnown, forUnknown] of cases) {
  const a = await median(forKnown);
  const b = await median(forUnknown);
  console.log(
    `enumeration timing ${name.padEnd(36)} known=${a.toFixed(1)} ms  unknown=${b.toFixed(1)} ms  difference=${(a - b).toFixed(1)} ms (median of ${RUNS})`,
  );
}
await db.$disconnect();
rmSync(dir, { recursive: true, force: true });
