/**
 * The audience CSV (lib/server/marketing/audience-csv.ts) on SQLite and PostgreSQL: the same members
 * as the audience query, formula-injection safe cells, streamed over several pages, and audited
 * with the row count once the last row is out.
 */
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { getEnv } from "@/lib/env";
import { audienceCsvStream, csvCell } from "@/lib/server/marketing/audience-csv";
import { adminActor, consentingCustomer, withdrawConsent } from "../support/marketing";

const db = createPrismaClient();
afterAll(() => db.$disconnect());

async function exportCsv(filter: { language?: "de" | "en" } = {}) {
  const actor = { ...(await adminActor(db)), role: "MARKETING" as const };
  const result = await audienceCsvStream({ actor, purposeKey: "birthday_offers", filter }, { tx: db });
  if (!result.ok) throw new Error(result.code);
  const bytes = new Uint8Array(await new Response(result.stream).arrayBuffer());
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  return {
    actor,
    text,
    lines: text
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n"),
  };
}

describe("audience CSV export", () => {
  it("neutralises cells a spreadsheet would run as formulas, and quotes every cell", () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    for (const lead of ["+", "-", "@", "\t", "\r"]) expect(csvCell(`${lead}1`)).toBe(`"'${lead}1"`);
    expect(csvCell("Erika")).toBe('"Erika"');
  });

  it("holds the audience's members with the allowed columns, and audits the row count", async () => {
    const member = await consentingCustomer(db, { purpose: "birthday_offers", locale: "en" });
    await db.profile.update({ where: { userId: member.id }, data: { firstName: "=cmd|' /C calc'!A0" } });
    const gone = await consentingCustomer(db, { purpose: "birthday_offers", locale: "en" });
    await withdrawConsent(db, gone.id, "birthday_offers");
    const { actor, text, lines } = await exportCsv({ language: "en" });
    expect(text.startsWith("\uFEFF")).toBe(true);
    expect(lines[0]).toBe("id,email,first_name,language,topics");
    expect(lines).toContain(`"${member.id}","${member.email}","'=cmd|' /C calc'!A0","en",""`);
    expect(text).not.toContain(gone.id);
    expect(text).not.toMatch(/Hauptstraße|Mustermann|10115/);
    const event = await db.auditEvent.findFirstOrThrow({
      where: { type: "audience.exported", actorId: actor.userId },
    });
    expect(event).toMatchObject({ actorRole: "MARKETING", targetId: "birthday_offers" });
    expect(event.metadata).toMatchObject({ rows: lines.length - 1, complete: true, language: "en" });
  });

  it("streams an audience larger than one page completely, each member once", async () => {
    const members = await Promise.all(
      Array.from({ length: 6 }, () => consentingCustomer(db, { purpose: "birthday_offers" })),
    );
    const { lines } = await exportCsv();
    const ids = lines.slice(1).map((l) => l.slice(1, l.indexOf('"', 1)));
    expect(new Set(ids).size).toBe(ids.length);
    for (const m of members) expect(ids).toContain(m.id);
  });

  it("a download broken off is audited as incomplete, and gives its database connection back", async () => {
    await consentingCustomer(db, { purpose: "birthday_offers" });
    const actor = { ...(await adminActor(db)), role: "MARKETING" as const };
    const result = await audienceCsvStream({ actor, purposeKey: "birthday_offers", filter: {} }, { tx: db });
    if (!result.ok) throw new Error(result.code);
    const reader = result.stream.getReader();
    await reader.read(); // the header
    expect((await reader.read()).done).toBe(false); // the first batch: the read is open now
    await reader.cancel();
    const event = await db.auditEvent.findFirstOrThrow({
      where: { type: "audience.exported", actorId: actor.userId },
      orderBy: { sequence: "desc" },
    });
    expect(event.metadata).toMatchObject({ complete: false });
    expect((event.metadata as { rows: number }).rows).toBeGreaterThan(0);
    if (getEnv().databaseKind === "postgres") {
      // No export transaction is left open on the server (the cursor's connection is closed).
      const open = await db.$queryRawUnsafe<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE 'FETCH % FROM audience'`,
      );
      expect(open[0]?.n).toBe(0);
    }
  });
});
