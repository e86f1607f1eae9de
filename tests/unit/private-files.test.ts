/**
 * `.data/` holds the SQLite database, its write-ahead log, the local secrets and the outbox mails
 * with sign-in and reset links (docs/decisions/0025): the folder must be 700 and the files 600,
 * whether they are created now or were left more open by an older version.
 */
import { chmodSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { resolveDatabaseUrl } from "@/lib/db/database-url";
import { ensureLocalSecrets } from "@/lib/env/local-secrets";
import { createPrismaClient } from "@/lib/db/prisma-client";

const mode = (file: string) => statSync(file).mode & 0o777;
const root = () => mkdtempSync(path.join(tmpdir(), "portal-private-"));

afterEach(() => vi.unstubAllEnvs());

describe("the database under .data", () => {
  it("is created owner-only, with its write-ahead log", async () => {
    const dir = root();
    const url = resolveDatabaseUrl("file:./.data/portal.db", dir);
    const file = url.slice("file:".length);
    const db = createPrismaClient(url);
    await db.$executeRawUnsafe("CREATE TABLE probe (x INTEGER)");
    await db.$executeRawUnsafe("INSERT INTO probe VALUES (1)");

    expect(mode(path.join(dir, ".data")).toString(8)).toBe("700");
    for (const suffix of ["", "-wal", "-shm"]) expect(mode(file + suffix).toString(8), suffix).toBe("600");
    await db.$disconnect();
  });

  it("is tightened when an older version left it readable", () => {
    const dir = root();
    const data = path.join(dir, ".data");
    mkdirSync(data, { mode: 0o755 });
    chmodSync(data, 0o755);
    const file = path.join(data, "portal.db");
    for (const suffix of ["", "-wal", "-shm"]) {
      writeFileSync(file + suffix, "");
      chmodSync(file + suffix, 0o644);
    }
    // Opening the database (app, CLI, jobs) is what tightens it.
    void createPrismaClient(resolveDatabaseUrl("file:./.data/portal.db", dir));

    expect(mode(data).toString(8)).toBe("700");
    for (const suffix of ["", "-wal", "-shm"]) expect(mode(file + suffix).toString(8), suffix).toBe("600");
  });

  it("leaves a folder the operator chose alone, but not the database files in it", () => {
    const chosen = path.join(root(), "srv");
    mkdirSync(chosen, { mode: 0o755 });
    chmodSync(chosen, 0o755);
    writeFileSync(path.join(chosen, "portal.db"), "");
    chmodSync(path.join(chosen, "portal.db"), 0o644);
    void createPrismaClient(`file:${path.join(chosen, "portal.db")}`);
    expect(mode(chosen).toString(8)).toBe("755");
    expect(mode(path.join(chosen, "portal.db")).toString(8)).toBe("600");
  });
});

describe("the local secrets", () => {
  it("tighten a .data folder that was created readable", () => {
    const data = path.join(root(), ".data");
    mkdirSync(data, { mode: 0o755 });
    chmodSync(data, 0o755);
    const { file } = ensureLocalSecrets(["AUTH_SECRET"], path.join(data, "secrets.json"));
    expect(mode(data).toString(8)).toBe("700");
    expect(mode(file).toString(8)).toBe("600");
  });
});

describe("the outbox", () => {
  it("writes mails owner-only into an owner-only folder, also one an older version created", async () => {
    const outbox = path.join(root(), ".data", "outbox");
    mkdirSync(outbox, { recursive: true, mode: 0o755 });
    chmodSync(outbox, 0o755);
    vi.stubEnv("MAIL_OUTBOX_DIR", outbox);
    vi.stubEnv("AUTH_SECRET", "unit-test-secret-0123456789abcdefghijklmnop");
    vi.stubEnv("DATA_ENCRYPTION_KEY", "dml0ZXN0LW9ubHkta2V5LTAxMjM0NTY3ODlhYmNkZWY=");
    const { sendMail } = await import("@/lib/server/mail/send-mail");
    await sendMail({
      to: "erika@example.com",
      locale: "de",
      template: { name: "verify-email", data: { url: "http://localhost:3000/verify-email?token=x" } },
    });

    const { readdirSync } = await import("node:fs");
    const files = readdirSync(outbox);
    expect(files).toHaveLength(1);
    expect(mode(outbox).toString(8)).toBe("700");
    expect(mode(path.dirname(outbox)).toString(8)).toBe("700");
    expect(mode(path.join(outbox, files[0] ?? "")).toString(8)).toBe("600");
  });
});
