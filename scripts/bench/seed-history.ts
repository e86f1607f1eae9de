/**
 * The history a bench customer has behind them, so the tables the sign-in and the account pages
 * write to and read from are as large at a million customers as they would be: without it the
 * audit log, the consents and the ended sessions would hold only the few thousand rows the
 * measurement itself writes, and the million-customer figure would flatter (decision 0079).
 *
 * Each customer registered a month ago as `register.ts` records it: the terms consent (record and
 * state) and its event, `auth.registered`, `auth.email_verified`; then the earlier sign-in the seed
 * already gives them (the SignInAttempt row) with its `auth.risk_assessed` and
 * `auth.sign_in_succeeded`, and its session, since ended by `auth.signed_out`. Six audit events
 * per customer, appended to the customer's own partition with the writer's hash formulas and the
 * head rows moved in the same transaction, so `npm run audit:verify` accepts the seeded log and
 * the app appends after it as after any other event.
 */
import { computeAuditDataHash, computeAuditEventHash } from "../../lib/server/audit/audit-hash";
import { auditPartitionFor } from "../../lib/server/audit/audit-partition";
import type { BulkTarget, Rows, Value } from "./bulk-insert";
import { BENCH_USER_AGENT, customer, sha256Hex } from "./customers";

/** The tables this module writes, for the bulk load's index drop and rebuild. */
/** A seeded session's columns: the bench's open sessions (seed.ts) and the history's ended ones. */
export const SESSION_COLUMNS = [
  "id",
  "tokenHash",
  "userId",
  "deviceId",
  "createdAt",
  "lastSeenAt",
  "idleExpiresAt",
  "absoluteExpiresAt",
  "authenticatedAt",
  "authMethods",
  "ip",
  "userAgent",
];

export const HISTORY_TABLES = ["ConsentRecord", "ConsentState", "Session", "AuditEvent"];

type Terms = { purposeId: string; versionId: string; version: number; textHash: string; locale: string };
type Head = { sequence: number; hash: string | null };

const MINUTE = 60_000;

export async function termsVersion(target: BulkTarget): Promise<Terms> {
  const [row] = await target.query(
    `SELECT v."id" AS "versionId", v."purposeId" AS "purposeId", v."version" AS "version",
            t."textHash" AS "textHash", t."locale" AS "locale"
     FROM "ConsentPurposeVersion" v
     JOIN "ConsentPurpose" p ON p."id" = v."purposeId"
     JOIN "ConsentPurposeText" t ON t."versionId" = v."id"
     WHERE p."key" = 'terms' AND v."publishedAt" IS NOT NULL AND t."locale" = 'de'
     ORDER BY v."version" DESC LIMIT 1`,
  );
  if (!row) throw new Error("bench seed: no published terms version (run db:seed first)");
  return {
    purposeId: String(row.purposeId),
    versionId: String(row.versionId),
    version: Number(row.version),
    textHash: String(row.textHash),
    locale: String(row.locale),
  };
}

/** The partitions' heads, locked on PostgreSQL until the transaction commits (SQLite: its write lock). */
async function readHeads(target: BulkTarget): Promise<Map<number, Head>> {
  const lock = target.dialect === "postgres" ? " FOR UPDATE" : "";
  const rows = await target.query(`SELECT "partition", "sequence", "hash" FROM "AuditChainHead"${lock}`);
  return new Map(
    rows.map((r) => [
      Number(r.partition),
      { sequence: Number(r.sequence), hash: (r.hash as string) ?? null },
    ]),
  );
}

async function writeHeads(target: BulkTarget, heads: Map<number, Head>, touched: Set<number>) {
  const now = new Date();
  for (const partition of touched) {
    const head = heads.get(partition)!;
    await target.query(
      `INSERT INTO "AuditChainHead" ("partition", "sequence", "hash", "updatedAt") VALUES (?, ?, ?, ?)
       ON CONFLICT ("partition") DO UPDATE SET "sequence" = excluded."sequence",
         "hash" = excluded."hash", "updatedAt" = excluded."updatedAt"`,
      [partition, head.sequence, head.hash, now],
    );
  }
}

type Event = {
  type: string;
  actorRole: "CUSTOMER" | "SYSTEM";
  target?: [string, string];
  metadata?: Record<string, unknown>;
  at: Date;
};

function eventsOf(i: number, terms: Terms, signedInAt: Date): Event[] {
  const registeredAt = signedInAt;
  const sessionId = `bench-ended-session-${i}`;
  return [
    {
      type: "consent.granted",
      actorRole: "CUSTOMER",
      target: ["ConsentPurpose", "terms"],
      metadata: { purpose: "terms", version: terms.version, source: "REGISTRATION" },
      at: registeredAt,
    },
    { type: "auth.registered", actorRole: "CUSTOMER", metadata: { method: "PASSWORD" }, at: registeredAt },
    { type: "auth.email_verified", actorRole: "CUSTOMER", at: new Date(registeredAt.getTime() + 2 * MINUTE) },
    {
      type: "auth.risk_assessed",
      actorRole: "SYSTEM",
      // The shape riskAuditMetadata writes for a known browser at its own address.
      metadata: {
        risk: "LOW",
        action: "ALLOW",
        score: 0,
        reasons: [],
        signals: {
          newDevice: true,
          newCountry: false,
          country: null,
          knownCountries: [],
          impossibleTravel: null,
          accountRecentFailures: 0,
          ipRecentFailures: 0,
          accountsFromIp: 1,
        },
        description: { de: "Geringes Risiko: keine Auffälligkeiten.", en: "Low risk: nothing unusual." },
        method: "PASSWORD",
      },
      at: new Date(registeredAt.getTime() + 3 * MINUTE),
    },
    {
      type: "auth.sign_in_succeeded",
      actorRole: "CUSTOMER",
      at: new Date(registeredAt.getTime() + 3 * MINUTE),
    },
    {
      type: "auth.signed_out",
      actorRole: "CUSTOMER",
      target: ["Session", sessionId],
      at: new Date(registeredAt.getTime() + 20 * MINUTE),
    },
  ];
}

const AUDIT_COLUMNS = [
  "id",
  "partition",
  "sequence",
  "type",
  "actorId",
  "actorRole",
  "subjectUserId",
  "targetType",
  "targetId",
  "ip",
  "userAgent",
  "metadata",
  "dataHash",
  "prevHash",
  "hash",
  "createdAt",
];

function consentAndSessionRows(from: number, to: number, terms: Terms, at: Date): Rows[] {
  const records: Value[][] = [];
  const states: Value[][] = [];
  const sessions: Value[][] = [];
  const minutes = (n: number) => new Date(at.getTime() + n * MINUTE);
  for (let i = from; i < to; i++) {
    const userId = customer.userId(i);
    const ip = customer.ip(i);
    records.push([
      `bench-terms-consent-${i}`,
      userId,
      terms.purposeId,
      terms.versionId,
      "GRANTED",
      "REGISTRATION",
      terms.locale,
      terms.textHash,
      ip,
      BENCH_USER_AGENT,
      at,
    ]);
    states.push([
      `bench-terms-state-${i}`,
      userId,
      terms.purposeId,
      terms.versionId,
      "GRANTED",
      `bench-terms-consent-${i}`,
      at,
    ]);
    sessions.push([
      `bench-ended-session-${i}`,
      sha256Hex(`bench-ended-session-token-${i}`),
      userId,
      `bench-device-${i}`,
      minutes(3),
      minutes(20),
      minutes(50),
      minutes(3 + 12 * 60),
      minutes(3),
      { json: ["PASSWORD"] },
      ip,
      BENCH_USER_AGENT,
      minutes(20),
      "SIGNED_OUT",
    ]);
  }
  return [
    {
      table: "ConsentRecord",
      columns: [
        "id",
        "userId",
        "purposeId",
        "versionId",
        "action",
        "source",
        "locale",
        "textHash",
        "ip",
        "userAgent",
        "createdAt",
      ],
      rows: records,
    },
    {
      table: "ConsentState",
      columns: ["id", "userId", "purposeId", "versionId", "lastAction", "lastRecordId", "updatedAt"],
      rows: states,
    },
    { table: "Session", columns: [...SESSION_COLUMNS, "revokedAt", "revokeReason"], rows: sessions },
  ];
}

/**
 * Writes customers [from, to)'s history; call inside the chunk's transaction, after the customer
 * rows. `at` is the earlier sign-in's time (the seed's SignInAttempt.createdAt).
 */
export async function writeHistory(target: BulkTarget, from: number, to: number, terms: Terms, at: Date) {
  for (const batch of consentAndSessionRows(from, to, terms, at)) await target.insert(batch);
  const heads = await readHeads(target);
  const touched = new Set<number>();
  const audit: Value[][] = [];
  for (let i = from; i < to; i++) {
    const userId = customer.userId(i);
    const ip = customer.ip(i);
    const partition = auditPartitionFor(userId);
    const head = heads.get(partition) ?? { sequence: 0, hash: null };
    eventsOf(i, terms, at).forEach((event, k) => {
      const metadata = event.metadata ?? null;
      const core = {
        partition,
        sequence: head.sequence + 1,
        type: event.type,
        actorId: event.actorRole === "SYSTEM" ? null : userId,
        actorRole: event.actorRole,
        subjectUserId: userId,
        targetType: event.target?.[0] ?? null,
        targetId: event.target?.[1] ?? null,
        createdAt: event.at,
      };
      const dataHash = computeAuditDataHash({ ip, userAgent: BENCH_USER_AGENT, metadata });
      const hash = computeAuditEventHash({ ...core, dataHash, prevHash: head.hash });
      audit.push([
        `bench-audit-${i}-${k}`,
        core.partition,
        core.sequence,
        core.type,
        core.actorId,
        core.actorRole,
        core.subjectUserId,
        core.targetType,
        core.targetId,
        ip,
        BENCH_USER_AGENT,
        metadata === null ? null : { json: metadata },
        dataHash,
        head.hash,
        hash,
        core.createdAt,
      ]);
      head.sequence = core.sequence;
      head.hash = hash;
    });
    heads.set(partition, head);
    touched.add(partition);
  }
  await target.insert({ table: "AuditEvent", columns: AUDIT_COLUMNS, rows: audit });
  await writeHeads(target, heads, touched);
}
