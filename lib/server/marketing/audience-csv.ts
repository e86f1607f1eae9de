import "server-only";
/**
 * An audience as CSV, streamed (docs/decisions/0045): keyset pages of the one audience query are
 * written as they are read, so memory stays flat however large the audience is; nothing is
 * buffered. Cells are formula-injection safe (OWASP "CSV Injection"): a cell that a spreadsheet
 * would read as a formula (starting with = + - @, tab or carriage return) gets a leading
 * apostrophe, and every cell is quoted. The export is audited with its row count once the last
 * row is written (or with `complete: false` if the download was cancelled).
 */
import { db as defaultDb, type Db } from "@/lib/db";
import type { AudienceFilter } from "@/lib/schemas/audience";
import type { StaffActor } from "@/lib/server/actor";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { audiencePage, type AudienceMember } from "./audience";

const PAGE_SIZE = 2000;

/** One CSV cell: neutralised if a spreadsheet would evaluate it, then quoted (RFC 4180). */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

function csvRow(member: AudienceMember, withPhone: boolean): string {
  const cells = [member.id, member.email, member.firstName ?? "", member.language, member.topics.join(" ")];
  if (withPhone) cells.push(member.phone ?? "");
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/**
 * The audience as a stream of UTF-8 CSV (with a BOM, so spreadsheets read umlauts right).
 * NOT_FOUND before anything is streamed, for a purpose that has no audience.
 */
export async function audienceCsvStream(
  input: { actor: StaffActor; purposeKey: string; filter: AudienceFilter },
  { tx = defaultDb }: { tx?: Db } = {},
): Promise<{ ok: true; stream: ReadableStream<Uint8Array> } | { ok: false; code: "NOT_FOUND" }> {
  const first = await audiencePage({ ...input, limit: PAGE_SIZE }, { tx });
  if (!first.ok) return first;
  const encoder = new TextEncoder();
  const withPhone = input.filter.channel === "SMS";
  const header = ["id", "email", "first_name", "language", "topics", ...(withPhone ? ["phone"] : [])];
  let page = first;
  let rows = 0;
  let started = false;
  const audit = (complete: boolean) =>
    writeAuditEvent(tx, {
      type: "audience.exported",
      actor: input.actor,
      target: { type: "ConsentPurpose", id: input.purposeKey },
      metadata: {
        rows,
        complete,
        topics: input.filter.topics ?? [],
        channel: input.filter.channel ?? null,
        language: input.filter.language ?? null,
      },
    });
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`\uFEFF${header.join(",")}\r\n`));
      }
      if (page.members.length > 0) {
        controller.enqueue(encoder.encode(page.members.map((m) => csvRow(m, withPhone)).join("")));
        rows += page.members.length;
      }
      if (!page.nextCursor) {
        await audit(true);
        controller.close();
        return;
      }
      const next = await audiencePage({ ...input, cursor: page.nextCursor, limit: PAGE_SIZE }, { tx });
      page = next.ok ? next : { ok: true, members: [], nextCursor: null };
    },
    async cancel() {
      await audit(false);
    },
  });
  return { ok: true, stream };
}
