import "server-only";
/**
 * The whole audience of a purpose in batches, for the CSV export (docs/decisions/0045), with
 * memory that does not depend on the audience's size.
 *
 * - PostgreSQL: one server-side cursor (DECLARE … FETCH) in a read-only REPEATABLE READ
 *   transaction on a connection of the export's own, through the plain `pg` driver. Each batch is
 *   one FETCH of flat rows: no keyset query per page, no nested reads merged in JS, and one
 *   snapshot for the whole file (a customer who consents during the download is not half in it).
 *   Measured at a million rows (0045): the paged Prisma reads left hundreds of MB of short-lived
 *   objects per 100,000 rows that V8 promoted before collecting; the cursor's rows are few and flat.
 * - SQLite (one file, no server-side cursors): the keyset pages of audiencePage.
 * The caller pulls: nothing is fetched before the consumer asks for the next batch, and each
 * member is handed on as it arrives.
 *
 * memberSql states the rules of audience.ts (memberWhere, stateWhere) in SQL. The audience tests
 * read every case through both and fail on any difference.
 */
import pg from "pg";
import type { Db } from "@/lib/db";
import { pgPoolConfig, postgresSettings } from "@/lib/db/postgres-settings";
import { NEWSLETTER_CONSENT_PURPOSE } from "@/lib/config/newsletter-topics";
import { getEnv } from "@/lib/env";
import type { AudienceFilter } from "@/lib/schemas/audience";
import { audiencePage, audienceScope, type AudienceMember, type AudienceScope } from "./audience";

/** Rows per FETCH or page: one CSV chunk of about 32 kB (0045: 500 measured lower and no slower than 2000). */
export const EXPORT_BATCH = 500;
/**
 * How long the export's transaction may wait for a slow downloader between two batches before
 * PostgreSQL ends it (the connection's usual limit, 0058, is 10 s; a browser on a slow line can
 * pause longer). The transaction only reads, but it holds back vacuum while it lasts.
 */
export const EXPORT_IDLE_MS = 120_000;

export type AudienceBatches = {
  /**
   * Hands the next members, in customer id order, to `each` one by one as they are read, and
   * resolves with their number: 0 once the audience is done.
   */
  next(each: (member: AudienceMember) => void): Promise<number>;
  /** Ends the read (idempotent); after the last batch, on cancel, on error. */
  close(): Promise<void>;
};

type Input = { purposeKey: string; filter: AudienceFilter };

/** The audience's members as SQL for PostgreSQL: the rules of audience.ts, column for column. */
export function memberSql(scope: AudienceScope, { purposeKey, filter }: Input) {
  const values: unknown[] = [scope.purposeId, scope.minVersion];
  const param = (value: unknown) => `$${values.push(value)}`;
  const where = [
    `s."purposeId" = $1`,
    `s."lastAction" = 'GRANTED'`,
    // bigint: "nothing published" is Number.MAX_SAFE_INTEGER (audienceScope), beyond int4.
    `v."version" >= $2::bigint`,
    `u."status" = 'ACTIVE'`,
    `u."deletionRequestedAt" IS NULL`,
  ];
  const topic = (condition: string) =>
    `EXISTS (SELECT 1 FROM "TopicSubscription" t WHERE t."userId" = u."id" AND t."status" = 'ACTIVE' AND ${condition})`;
  if (purposeKey === NEWSLETTER_CONSENT_PURPOSE)
    where.push(`u."emailVerifiedAt" IS NOT NULL`, topic(`t."channel" = 'EMAIL'`));
  if (filter.language) where.push(`u."locale" = ${param(filter.language)}`);
  if (filter.topics && filter.topics.length > 0)
    where.push(topic(`t."topicKey" = ANY(${param(filter.topics)}::text[])`));
  if (filter.channel) {
    const column = { EMAIL: "emailEnabled", PUSH: "pushEnabled", SMS: "smsEnabled" }[filter.channel];
    where.push(
      `EXISTS (SELECT 1 FROM "CommunicationPreference" c WHERE c."userId" = u."id" AND c."${column}" = true)`,
    );
    if (filter.channel === "EMAIL") where.push(`u."emailVerifiedAt" IS NOT NULL`);
    if (filter.channel === "SMS") where.push(`p."phoneE164" IS NOT NULL`, `p."phoneVerifiedAt" IS NOT NULL`);
    if (filter.channel === "PUSH")
      where.push(`EXISTS (SELECT 1 FROM "PushSubscription" ps WHERE ps."userId" = u."id")`);
  }
  const text = `SELECT u."id", u."email", u."locale", p."firstName", p."phoneE164",
      ARRAY(SELECT DISTINCT t."topicKey" FROM "TopicSubscription" t
            WHERE t."userId" = u."id" AND t."status" = 'ACTIVE' ORDER BY 1) AS "topics"
    FROM "ConsentState" s
    JOIN "ConsentPurposeVersion" v ON v."id" = s."versionId"
    JOIN "User" u ON u."id" = s."userId"
    LEFT JOIN "Profile" p ON p."userId" = u."id"
    WHERE ${where.join("\n      AND ")}
    ORDER BY s."userId"`;
  return { text, values };
}

type MemberRow = {
  id: string;
  email: string;
  locale: string;
  firstName: string | null;
  phoneE164: string | null;
  topics: string[];
};

async function postgresCursor(url: string, scope: AudienceScope, input: Input): Promise<AudienceBatches> {
  const config = pgPoolConfig(url, postgresSettings());
  const client = new pg.Client({ ...config, idle_in_transaction_session_timeout: EXPORT_IDLE_MS });
  // A connection the server ends (idle limit, restart) must not be an unhandled 'error' event,
  // which would end the whole process; the next FETCH fails and the stream reports it.
  client.on("error", () => {});
  let open = true;
  const close = async () => {
    if (!open) return;
    open = false;
    await client.query("COMMIT").catch(() => {});
    await client.end().catch(() => {});
  };
  try {
    await client.connect();
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const sql = memberSql(scope, input);
    await client.query(`DECLARE audience NO SCROLL CURSOR FOR ${sql.text}`, sql.values);
  } catch (error) {
    await close();
    throw error;
  }
  const sms = input.filter.channel === "SMS";
  const member = (row: MemberRow): AudienceMember => ({
    id: row.id,
    email: row.email,
    firstName: row.firstName,
    language: row.locale,
    topics: row.topics,
    ...(sms && row.phoneE164 ? { phone: row.phoneE164 } : {}),
  });
  return {
    next(each) {
      if (!open) return Promise.resolve(0);
      return new Promise<number>((resolve, reject) => {
        // Rows are handed on as they arrive and not collected (a listener instead of a callback):
        // a collected batch outlives young-generation collections and V8 then allocates all
        // such rows in the old generation, where they pile up as garbage until a full collection.
        const fetch = new pg.Query(`FETCH ${EXPORT_BATCH} FROM audience`);
        let count = 0;
        fetch.on("row", (row: MemberRow) => {
          count += 1;
          each(member(row));
        });
        fetch.on("error", reject);
        fetch.on("end", () => {
          if (count > 0) return resolve(count);
          close().then(() => resolve(0), reject);
        });
        void client.query(fetch);
      });
    },
    close,
  };
}

function keysetPages(input: Input, tx: Db): AudienceBatches {
  let cursor: string | undefined;
  let done = false;
  return {
    async next(each) {
      if (done) return 0;
      const page = await audiencePage({ ...input, cursor, limit: EXPORT_BATCH }, { tx });
      if (!page.ok || !page.nextCursor) done = true;
      else cursor = page.nextCursor;
      const members = page.ok ? page.members : [];
      members.forEach(each);
      return members.length;
    },
    async close() {
      done = true;
    },
  };
}

/**
 * The audience's members batch by batch; NOT_FOUND (before anything is read) for a purpose that
 * has no audience. Nothing is fetched until the first next().
 */
export async function openAudience(
  input: Input,
  { tx }: { tx: Db },
): Promise<{ ok: true; batches: AudienceBatches } | { ok: false; code: "NOT_FOUND" }> {
  const scope = await audienceScope(input.purposeKey, tx);
  if (!scope) return { ok: false, code: "NOT_FOUND" };
  const env = getEnv();
  if (env.databaseKind !== "postgres") return { ok: true, batches: keysetPages(input, tx) };
  let cursor: Promise<AudienceBatches> | null = null;
  const opened = () => (cursor ??= postgresCursor(env.databaseUrl, scope, input));
  return {
    ok: true,
    batches: {
      next: async (each) => (await opened()).next(each),
      close: async () => {
        if (cursor) await (await cursor.catch(() => null))?.close();
      },
    },
  };
}
