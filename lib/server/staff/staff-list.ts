import "server-only";
/**
 * The admin's list of staff (docs/decisions/0041): everyone holding a staff role, with their roles
 * and state. Staff are few (tens, not millions): one indexed query, newest first, capped.
 */
import { STAFF_ROLES, type Role } from "@/lib/config/roles";
import { db } from "@/lib/db";

export type StaffMember = {
  id: string;
  email: string;
  roles: Role[];
  state: "invited" | "active" | "locked";
};

const LIST_LIMIT = 500;

export async function listStaff(): Promise<StaffMember[]> {
  const users = await db.user.findMany({
    where: { roles: { some: { role: { in: STAFF_ROLES } } } },
    select: {
      id: true,
      email: true,
      status: true,
      roles: { select: { role: true } },
      passwordCredential: { select: { userId: true } },
    },
    orderBy: { createdAt: "desc" },
    take: LIST_LIMIT,
  });
  return users.map((u) => ({
    id: u.id,
    email: u.email,
    roles: u.roles.map((r) => r.role).filter((r) => r !== "CUSTOMER"),
    state: u.status === "LOCKED" ? "locked" : u.passwordCredential ? "active" : "invited",
  }));
}
