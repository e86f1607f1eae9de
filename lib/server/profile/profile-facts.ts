import "server-only";
/**
 * The profile's fields that the overview's completeness and progressive profiling both weigh. The
 * overview asks for both in one render: React's per-request cache reads the row once there (issue
 * 16, "no repeated reads"), as `currentConsents` does. Outside a render (server actions, jobs) it
 * reads each time, so a write is never answered from the cache; a transaction passes its own
 * reader and never comes here.
 */
import { cache } from "react";
import { db, type Db, type Tx } from "@/lib/db";

type Reader = Db | Tx;

export type ProfileFacts = {
  firstName: string | null;
  lastName: string | null;
  dateOfBirth: string | null;
  phoneE164: string | null;
};

const SELECT = { firstName: true, lastName: true, dateOfBirth: true, phoneE164: true } as const;

const readOncePerRender = cache((userId: string) => readProfileFacts(userId, db));

/** The customer's profile facts (nulls where no profile exists yet). */
export async function profileFacts(userId: string, reader: Reader = db): Promise<ProfileFacts> {
  if (reader !== db) return readProfileFacts(userId, reader);
  return { ...(await readOncePerRender(userId)) };
}

async function readProfileFacts(userId: string, reader: Reader): Promise<ProfileFacts> {
  const profile = await reader.profile.findUnique({ where: { userId }, select: SELECT });
  return {
    firstName: profile?.firstName ?? null,
    lastName: profile?.lastName ?? null,
    dateOfBirth: profile?.dateOfBirth ?? null,
    phoneE164: profile?.phoneE164 ?? null,
  };
}
