import "server-only";
/**
 * Where a sign-in without a return path lands (docs/decisions/0040): staff on the first console
 * their roles allow, a customer in /account. The deletion grace period's own page wins elsewhere.
 */
import { homePathFor } from "@/lib/config/permissions";
import { db as defaultDb, type Db } from "@/lib/db";

export async function signedInHome(
  userId: string,
  { tx: db = defaultDb }: { tx?: Db } = {},
): Promise<string> {
  const roles = await db.userRole.findMany({ where: { userId }, select: { role: true } });
  return homePathFor({ roles: roles.map((r) => r.role) });
}
