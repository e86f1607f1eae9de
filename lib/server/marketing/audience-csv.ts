import "server-only";
/**
 * An audience as CSV, streamed (docs/decisions/0045): batches of the audience (audience-export.ts:
 * a cursor on PostgreSQL, keyset pages on SQLite) are written as they are read, so memory stays flat however large the audience is; nothing is
 * buffered. Cells are formula-injection safe (OWASP "CSV Injection"): a cell that a spreadsheet
 * would read as a formula (starting with = + - @, tab or carriage return) gets a leading
 * apostrophe, and every cell is quoted. The export is audited with its row count once the last
 * row is written (or with `complete: false` if the download was cancelled).
 */
import { db as defaultDb, type Db } from "@/lib/db";
import type { AudienceFilter } from "@/lib/schemas/audience";
import type { StaffActor } from "@/lib/server/actor";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import type { AudienceMember } from "./audience";
import { openAudience } from "./audience-export";

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
 * NOT_FOUND before anything is streamed, for a purpose that has no audience. The stream is pulled:
 * the next batch is read only when the consumer has taken the previous one (back-pressure), so at
 * most one batch is in memory however slowly the download goes.
 */
export async function audienceCsvStream(
  input: { actor: StaffActor; purposeKey: string; filter: AudienceFilter },
  { tx = defaultDb }: { tx?: Db } = {},
): Promise<{ ok: true; stream: ReadableStream<Uint8Array> } | { ok: false; code: "NOT_FOUND" }> {
  const opened = await openAudience(input, { tx });
  if (!opened.ok) return opened;
  const { batches } = opened;
  const encoder = new TextEncoder();
  const withPhone = input.filter.channel === "SMS";
  const header = ["id", "email", "first_name", "language", "topics", ...(withPhone ? ["phone"] : [])];
  let rows = 0;
  let finished = false;
  const finish = async (complete: boolean) => {
    if (finished) return;
    finished = true;
    await batches.close();
    await writeAuditEvent(tx, {
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
  };
  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode(`\uFEFF${header.join(",")}\r\n`));
      },
      async pull(controller) {
        try {
          let text = "";
          const count = await batches.next((member) => {
            text += csvRow(member, withPhone);
          });
          if (count === 0) {
            await finish(true);
            controller.close();
            return;
          }
          rows += count;
          controller.enqueue(encoder.encode(text));
        } catch (error) {
          // A failed read (the database ended the transaction, a lost connection): the download
          // breaks off, and the audit says how far it came.
          await finish(false).catch(() => {});
          throw error;
        }
      },
      async cancel() {
        await finish(false);
      },
    },
    // One batch queued ahead at most: the next is read when the consumer took this one.
    { highWaterMark: 1 },
  );
  return { ok: true, stream };
}
