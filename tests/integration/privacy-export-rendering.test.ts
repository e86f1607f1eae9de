/**
 * What the customer reads about their data, on SQLite and PostgreSQL: the export's HTML summary has
 * every section and escapes the stored values; the deletion mails give the date, what is kept and
 * the cancel link in German and English.
 */
import { afterAll, describe, expect, it } from "vitest";
import { downloadDataExport, prepareDataExport } from "@/lib/server/privacy/data-exports";
import type { ExportData } from "@/lib/server/privacy/export-data";
import { renderExportSummary, SUMMARY_SECTIONS } from "@/lib/server/privacy/export-summary";
import { renderMail } from "@/lib/server/mail/templates";
import de from "@/messages/de.json";
import { customerActor } from "@/lib/server/actor";
import { db, client, customerWithData, tokenOf } from "../support/customer-with-data";

afterAll(() => db.$disconnect());

describe("data export", () => {
  it("renders the HTML summary with every section and escapes values", async () => {
    const user = await customerWithData();
    await db.address.create({
      data: {
        userId: user.id,
        recipientName: "<script>alert(1)</script>",
        postalCode: "10115",
        city: "Berlin",
        country: "DE",
      },
    });
    const prepared = await prepareDataExport({ actor: customerActor(user.id, client) }, { tx: db });
    const result = await downloadDataExport(
      {
        actor: customerActor(user.id, client),
        token: tokenOf(prepared.links.html),
      },
      { tx: db },
    );
    if (!result.ok) throw new Error("download failed");
    const sections = Object.fromEntries(SUMMARY_SECTIONS.map((key) => [key, `Section ${key}`])) as Record<
      (typeof SUMMARY_SECTIONS)[number],
      string
    >;
    const html = renderExportSummary(JSON.parse(result.json) as ExportData, {
      locale: "de",
      title: "Ihre Daten",
      generatedAt: "jetzt",
      intro: "Intro",
      empty: "Keine Einträge",
      sections,
      fields: de.account.privacy.export.summary.fields,
    });
    for (const title of Object.values(sections)) expect(html).toContain(`<h2>${title}</h2>`);
    expect(html).toContain(`Exportweg ${user.run}`);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script>");
    // Labels in the customer's language, never the export's keys (e.g. emailVerifiedAt).
    expect(html).toContain("<dt>E-Mail-Adresse bestätigt am</dt>");
    const fields: Record<string, string> = de.account.privacy.export.summary.fields;
    const labels = [...html.matchAll(/<(?:th scope="col"|dt)>([^<]*)<\//g)].map((m) => m[1]!);
    expect(labels.length).toBeGreaterThan(40);
    expect(labels.filter((label) => Object.hasOwn(fields, label))).toEqual([]);
  });

  it("renders the deletion mails in German and English with the date, what is kept and the cancel link", () => {
    const ctx = { appUrl: "https://konto.example.de" };
    const cancelUrl = `${ctx.appUrl}/login?callbackUrl=%2Faccount%2Fprivacy`;
    const scheduledFor = new Date("2026-12-05T09:00:00Z");
    const de = renderMail(
      "de",
      { name: "account-deletion-requested", data: { scheduledFor, cancelUrl } },
      ctx,
    );
    expect(de.subject).toBe("Ihr Konto wird gelöscht");
    expect(de.text).toContain("5. Dezember 2026");
    expect(de.text).toContain("Was wir aufbewahren");
    expect(de.text).toContain(cancelUrl);
    const en = renderMail("en", { name: "account-deleted", data: { time: scheduledFor } }, ctx);
    expect(en.subject).toBe("Your account has been deleted");
    expect(en.text).toContain("What we keep");
    expect(en.html).not.toMatch(/\{[a-z]+\}/);
  });
});
