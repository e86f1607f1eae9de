/**
 * "Download my data" through the real domain functions, on SQLite and PostgreSQL: the export holds
 * what the test stored (addresses, consents with history, sign-ins, masked bank details) and no
 * secrets; each link works once, only for its owner, and not after it expired; the payload is wiped
 * once both links are used. What the customer reads is in privacy-export-rendering.test.ts.
 */
import { afterAll, describe, expect, it } from "vitest";
import {
  downloadDataExport,
  EXPORT_LINK_TTL_MINUTES,
  prepareDataExport,
  pruneDataExports,
} from "@/lib/server/privacy/data-exports";
import type { ExportData } from "@/lib/server/privacy/export-data";
import { customerActor } from "@/lib/server/actor";
import { db, client, IBAN, customerWithData, tokenOf } from "../support/customer-with-data";

afterAll(() => db.$disconnect());

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
});
