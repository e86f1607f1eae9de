import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/server/passwords/password-hash";

describe("password hashing", () => {
  it("uses argon2id with at least the OWASP parameters and verifies only the right password", async () => {
    const hash = await hashPassword("korrekt pferd batterie heftklammer");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, "korrekt pferd batterie heftklammer")).toBe(true);
    expect(await verifyPassword(hash, "korrekt pferd batterie heftklammeR")).toBe(false);
    expect(await verifyPassword("not-a-hash", "x")).toBe(false);
  });
});
