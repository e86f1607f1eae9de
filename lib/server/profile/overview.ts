import "server-only";
import { db } from "@/lib/db";
import { computeCompleteness, type Completeness } from "./completeness";

/** What the account overview needs about the profile: one query for the fields, one count. */
export async function getProfileCompleteness(userId: string): Promise<Completeness> {
  const [profile, addressCount] = await Promise.all([
    db.profile.findUnique({
      where: { userId },
      select: { firstName: true, lastName: true, dateOfBirth: true, phoneE164: true },
    }),
    db.address.count({ where: { userId } }),
  ]);
  return computeCompleteness({
    firstName: profile?.firstName ?? null,
    lastName: profile?.lastName ?? null,
    dateOfBirth: profile?.dateOfBirth ?? null,
    phoneE164: profile?.phoneE164 ?? null,
    addressCount,
  });
}
