/**
 * "Download my data" through the real domain functions, on SQLite and PostgreSQL: the export holds
 * what the test stored (addresses, consents with history, sign-ins, masked bank details) and no
 * secrets; each link works once, only for its owner, and not after it expired; the payload is wiped
 * once both links are used.
 */
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { getEnv } from "@/lib/env";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { sealIban } from "@/lib/server/bank-accounts/iban-crypto";
import {
  downloadDataExport,
  EXPORT_LINK_TTL_MINUTES,
  prepareDataExport,
  pruneDataExports,
} from "@/lib/server/privacy/data-exports";
import type { ExportData } from "@/lib/server/privacy/export-data";
import { renderExportSummary, SUMMARY_SECTIONS } from "@/lib/server/privacy/export-summary";
import { renderMail } from "@/lib/server/mail/templates";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { customerActor } from "@/lib/server/actor";

const db = createPrismaClient();
afterAll(() => db.$disconnect());

const client: ClientInfo = {
  ip: "192.0.2.77",
  userAgent: "vitest export",
  browser: "Vitest",
  os: "Linux",
  location: null,
};
const IBAN = "DE89370400440532013000";

async function customerWithData() {
  const run = randomUUID().slice(0, 8);
  const email = `export.${run}@example.com`;
  const user = await db.user.create({
    data: {
      email,
      emailNormalized: email,
      passwordCredential: { create: { hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA" } },
      addresses: {
        create: [
          {
            recipientName: "Erika Export",
            street: `Exportweg ${run}`,
            houseNumber: "1",
            postalCode: "10115",
            city: "Berlin",
            country: "DE",
          },
          {
            type: "PACKSTATION",
            recipientName: "Erika Export",
            packstationNumber: "123",
            postNumber: "12345678",
            postalCode: "20095",
            city: "Hamburg",
            country: "DE",
          },
        ],
      },
      signInAttempts: {
        create: [
          {
            method: "PASSWORD",
            result: "SUCCEEDED",
            ip: "198.51.100.1",
            city: "Köln",
            emailNormalized: email,
          },
          { method: "PASSWORD", result: "INVALID_CREDENTIALS", ip: "198.51.100.2", emailNormalized: email },
        ],
      },
    },
  });
  const purpose = await db.consentPurpose.create({
    data: {
      key: `export_test_${run}`,
      legalBasis: "CONSENT",
      versions: { create: { version: 1, publishedAt: new Date() } },
    },
    include: { versions: true },
  });
  const version = purpose.versions[0]!;
  const common = {
    userId: user.id,
    purposeId: purpose.id,
    versionId: version.id,
    locale: "de",
    textHash: "a".repeat(64),
  };
  await db.consentRecord.create({
    data: {
      ...common,
      action: "GRANTED",
      source: "CONSENT_CENTRE",
      createdAt: new Date(Date.now() - 60_000),
    },
  });
  const last = await db.consentRecord.create({
    data: { ...common, action: "WITHDRAWN", source: "CONSENT_CENTRE" },
  });
  await db.consentState.create({
    data: {
      userId: user.id,
      purposeId: purpose.id,
      versionId: version.id,
      lastAction: "WITHDRAWN",
      lastRecordId: last.id,
    },
  });
  const bankId = `bank${run}`;
  await db.bankAccount.create({
    data: {
      id: bankId,
      userId: user.id,
      holderName: "Erika Export",
      ...sealIban(bankId, IBAN, getEnv().dataEncryptionKey),
      ibanLast4: IBAN.slice(-4),
      ibanCountry: "DE",
      ibanLength: IBAN.length,
    },
  });
  return { id: user.id, email, run, purposeKey: purpose.key };
}

const tokenOf = (link: string) => new URL(link, "http://x").searchParams.get("token") ?? "";

describe("data export", () => {
  it("exports what is stored, masks the IBAN, leaves secrets out, and each link works once", async () => {
    const user = await customerWithData();
    const prepared = await prepareDataExport({ actor: customerActor(user.id, client) }, { tx: db });
    expect(prepared.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(EXPORT_LINK_TTL_MINUTES * 60_000);

    const json = await downloadDataExport(
      {
        actor: customerActor(user.id, client),
        token: tokenOf(prepared.links.json),
      },
      { tx: db },
    );
    expect(json).toMatchObject({ ok: true, format: "json", sha256: prepared.sha256 });
    if (!json.ok) throw new Error("unreachable");
    const data = JSON.parse(json.json) as ExportData;
    expect(data.account).toMatchObject({ id: user.id, email: user.email });
    expect(data.addresses).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ street: `Exportweg ${user.run}`, city: "Berlin" }),
        expect.objectContaining({ type: "PACKSTATION", packstationNumber: "123" }),
      ]),
    );
    expect(data.consents.history).toEqual([
      expect.objectContaining({ purpose: user.purposeKey, action: "GRANTED" }),
      expect.objectContaining({ purpose: user.purposeKey, action: "WITHDRAWN" }),
    ]);
    expect(data.consents.current).toEqual([
      expect.objectContaining({ purpose: user.purposeKey, state: "WITHDRAWN" }),
    ]);
    expect(data.signInHistory).toEqual([
      expect.objectContaining({ result: "SUCCEEDED", ip: "198.51.100.1", city: "Köln" }),
      expect.objectContaining({ result: "INVALID_CREDENTIALS", ip: "198.51.100.2" }),
    ]);
    expect(data.bankAccounts).toEqual([
      expect.objectContaining({ ibanMasked: "DE89 •••• •••• •••• •••• 00" }),
    ]);
    expect(data.auditEvents).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: "privacy.export_requested", ip: client.ip })]),
    );
    expect(json.json).not.toContain(IBAN);
    expect(json.json).not.toContain("argon2id");
    expect(json.json).not.toContain("ibanCiphertext");

    // The same link again: refused, and the payload is still there for the HTML link.
    expect(
      await downloadDataExport(
        {
          actor: customerActor(user.id, client),
          token: tokenOf(prepared.links.json),
        },
        { tx: db },
      ),
    ).toEqual({
      ok: false,
      code: "LINK_INVALID",
    });
    // Another customer cannot use the link.
    const other = await customerWithData();
    expect(
      await downloadDataExport(
        {
          actor: customerActor(other.id, client),
          token: tokenOf(prepared.links.html),
        },
        { tx: db },
      ),
    ).toEqual({
      ok: false,
      code: "LINK_INVALID",
    });
    const html = await downloadDataExport(
      {
        actor: customerActor(user.id, client),
        token: tokenOf(prepared.links.html),
      },
      { tx: db },
    );
    expect(html).toMatchObject({ ok: true, format: "html" });

    const row = await db.dataExport.findUniqueOrThrow({ where: { id: prepared.id } });
    expect(row).toMatchObject({ status: "EXPIRED", payloadCiphertext: null });
    expect(row.downloadedAt).not.toBeNull();
    expect(
      await db.auditEvent.count({ where: { subjectUserId: user.id, type: "privacy.export_downloaded" } }),
    ).toBe(2);
  });

  it("refuses an expired link, and the job wipes the expired export", async () => {
    const user = await customerWithData();
    const prepared = await prepareDataExport({ actor: customerActor(user.id, client) }, { tx: db });
    const later = new Date(prepared.expiresAt.getTime() + 1_000);
    expect(
      await downloadDataExport(
        { actor: customerActor(user.id, client), token: tokenOf(prepared.links.json), now: later },
        { tx: db },
      ),
    ).toEqual({ ok: false, code: "LINK_INVALID" });
    expect(await pruneDataExports({ now: later }, { tx: db })).toBeGreaterThanOrEqual(1);
    expect(await db.dataExport.findUniqueOrThrow({ where: { id: prepared.id } })).toMatchObject({
      status: "EXPIRED",
      payloadCiphertext: null,
    });
  });

  it("a new export voids the links of the previous one", async () => {
    const user = await customerWithData();
    const first = await prepareDataExport({ actor: customerActor(user.id, client) }, { tx: db });
    const second = await prepareDataExport({ actor: customerActor(user.id, client) }, { tx: db });
    expect(
      await downloadDataExport(
        {
          actor: customerActor(user.id, client),
          token: tokenOf(first.links.json),
        },
        { tx: db },
      ),
    ).toEqual({
      ok: false,
      code: "LINK_INVALID",
    });
    expect(
      await downloadDataExport(
        {
          actor: customerActor(user.id, client),
          token: tokenOf(second.links.json),
        },
        { tx: db },
      ),
    ).toMatchObject({
      ok: true,
    });
  });

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
    });
    for (const title of Object.values(sections)) expect(html).toContain(`<h2>${title}</h2>`);
    expect(html).toContain(`Exportweg ${user.run}`);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script>");
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
