/**
 * Linking a provider identity takes the account row before the audit chain head, like every sign-in
 * (docs/decisions/0055). A sign-in holds the account row and then writes its event; a social
 * sign-in that links an identity used to write its `auth.social_linked` event first (taking the
 * head) and touch the account row after, so the two deadlocked on PostgreSQL. Forced here in that
 * order, deterministically; SQLite has one writer and cannot deadlock.
 */
import { describe, expect, it } from "vitest";
import { databaseKind, resolveDatabaseUrl } from "@/lib/db/database-url";
import { db } from "@/lib/db";
import { customerActor } from "@/lib/server/actor";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { linkIdentity } from "@/lib/server/identity/social-identities";

const isPostgres = databaseKind(resolveDatabaseUrl(process.env.DATABASE_URL)) === "postgres";
const client = { ip: "192.0.2.7", userAgent: "test", browser: null, os: null, location: null };

describe.runIf(isPostgres)("social link lock order", () => {
  it("a link racing a sign-in of the same account waits for it instead of deadlocking", async () => {
    const email = `lock.${Date.now()}.${Math.random().toString(36).slice(2)}@example.com`;
    const user = await db.user.create({
      data: { email, emailNormalized: email, emailVerifiedAt: new Date() },
    });
    let rowTaken!: () => void;
    const signInHoldsRow = new Promise<void>((resolve) => (rowTaken = resolve));
    // A sign-in: the account row first, then (after the link has started) its audit event.
    const signIn = db.$transaction(
      async (tx) => {
        await tx.user.update({ where: { id: user.id }, data: { signInCount: { increment: 1 } } });
        rowTaken();
        await new Promise((resolve) => setTimeout(resolve, 500));
        await writeAuditEvent(tx, {
          type: "auth.sign_in_succeeded",
          actor: customerActor(user.id, client),
          subject: user.id,
        });
      },
      { timeout: 20_000 },
    );
    await signInHoldsRow;
    // The social sign-in's transaction: link, then record the sign-in on the account row.
    const socialSignIn = db.$transaction(
      async (tx) => {
        const linked = await linkIdentity(
          { userId: user.id, provider: "test-oidc", subject: `sub-${user.id}`, email, client },
          { tx },
        );
        await tx.user.update({ where: { id: user.id }, data: { signInCount: { increment: 1 } } });
        return linked;
      },
      { timeout: 20_000 },
    );
    const [first, second] = await Promise.allSettled([signIn, socialSignIn]);
    expect(first.status, String((first as PromiseRejectedResult).reason)).toBe("fulfilled");
    expect(second.status, String((second as PromiseRejectedResult).reason)).toBe("fulfilled");
    expect((second as PromiseFulfilledResult<{ ok: boolean }>).value.ok).toBe(true);
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.signInCount).toBe(2);
  });
});
