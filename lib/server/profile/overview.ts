import "server-only";
import { db } from "@/lib/db";
import { computeCompleteness, type Completeness } from "./completeness";
import { profileFacts } from "./profile-facts";

/** What the account overview needs about the profile: its fields (shared with profiling), one count. */
export async function getProfileCompleteness(userId: string): Promise<Completeness> {
  const [profile, addressCount] = await Promise.all([
    profileFacts(userId),
    db.address.count({ where: { userId } }),
  ]);
  return computeCompleteness({ ...profile, addressCount });
}
