/**
 * No user enumeration (docs/decisions/0005): registration, sign-in and reset answer identically for known
 * and unknown addresses. Timing: `npm run bench` prints the median difference of the two cases.
 */
import { describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/server/passwords/password-hash";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { requestPasswordReset } from "@/lib/server/identity/password-reset";
import { registerWithPassword } from "@/lib/server/identity/register";
import { signInWithPassword } from "@/lib/server/identity/sign-in";
import type { ClientInfo } from "@/lib/server/request/client-info";

const db = createPrismaClient();
const client = (ip: string): ClientInfo => ({
  ip,
  userAgent: "vitest",
  browser: null,
  os: null,
  location: null,
});
const password = "Ein sicherer Satz für die Prüfung";

async function existingCustomer() {
  const email = `known.${Date.now()}.${Math.random().toString(36).slice(2)}@example.com`;
  await db.user.create({
    data: {
      email,
      emailNormalized: email,
      passwordCredential: { create: { hash: await hashPassword(password) } },
    },
  });
  return email;
}
const unknownEmail = () => `unknown.${Date.now()}.${Math.random().toString(36).slice(2)}@example.com`;

describe("no account enumeration", () => {
  it("registration answers the same for an existing and a new address", async () => {
    const known = await existingCustomer();
    const ip = `198.51.100.${Math.floor(Math.random() * 250)}`;
    const forKnown = await registerWithPassword({ email: known, password, locale: "de", client: client(ip) });
    const forNew = await registerWithPassword({
      email: unknownEmail(),
      password,
      locale: "de",
      client: client(ip),
    });
    expect(forKnown).toEqual({ ok: true });
    expect(forNew).toEqual(forKnown);
  });

  it("sign-in answers the same for an unknown address and a wrong password", async () => {
    const known = await existingCustomer();
    const ip = `198.51.101.${Math.floor(Math.random() * 250)}`;
    const base = {
      password: "falsches Passwort",
      rememberMe: false,
      deviceCookieId: "vitest-device",
      client: client(ip),
    };
    const wrongPassword = await signInWithPassword({ ...base, email: known });
    const unknown = await signInWithPassword({ ...base, email: unknownEmail() });
    expect(wrongPassword).toEqual({ ok: false, code: "INVALID_CREDENTIALS" });
    expect(unknown).toEqual(wrongPassword);
  });

  it("a password reset request answers the same for a known and an unknown address", async () => {
    const known = await existingCustomer();
    const ip = `198.51.102.${Math.floor(Math.random() * 250)}`;
    const forKnown = await requestPasswordReset({ email: known, client: client(ip) });
    const forUnknown = await requestPasswordReset({ email: unknownEmail(), client: client(ip) });
    expect(forKnown).toEqual({ ok: true });
    expect(forUnknown).toEqual(forKnown);
  });
});
