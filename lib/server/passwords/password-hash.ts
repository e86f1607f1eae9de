/**
 * Password hashing with argon2id at the OWASP minimum (m = 19 MiB, t = 2, p = 1). The parameters
 * travel inside the PHC string, so raising them later still verifies old hashes. Not `server-only`
 * because the seed script uses it; it is never imported by client code.
 */
import { hash, verify } from "@node-rs/argon2";

const ARGON2ID = 2; // Algorithm.Argon2id (a const enum, which isolatedModules cannot import)

export const PASSWORD_HASH_OPTIONS = {
  algorithm: ARGON2ID,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, PASSWORD_HASH_OPTIONS);
}

export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false; // malformed hash: never a match
  }
}
