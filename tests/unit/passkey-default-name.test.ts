import { describe, expect, it } from "vitest";
import { passkeyDefaultName } from "@/lib/server/passkeys/aaguid-names";

describe("passkeyDefaultName (issue 15 item 13)", () => {
  it("names a known authenticator model in the customer's language", () => {
    const aaguid = "FBFC3007-154E-4ECC-8C0B-6E020557D7BD";
    expect(passkeyDefaultName({ aaguid, locale: "de" })).toBe("iCloud-Schlüsselbund");
    expect(passkeyDefaultName({ aaguid, locale: "en" })).toBe("iCloud Keychain");
    expect(passkeyDefaultName({ aaguid: "ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4" })).toBe(
      "Google Passwortmanager",
    );
  });

  it("names an undisclosed model after the browser and system, without the browser's version", () => {
    const client = { browser: "Chrome 159", os: "Linux" };
    const zero = "00000000-0000-0000-0000-000000000000";
    expect(passkeyDefaultName({ aaguid: zero, client, locale: "de" })).toBe("Chrome auf Linux");
    expect(passkeyDefaultName({ aaguid: zero, client, locale: "en" })).toBe("Chrome on Linux");
    expect(passkeyDefaultName({ aaguid: null, client: { browser: "Firefox 140", os: null } })).toBe(
      "Firefox",
    );
  });

  it('falls back to "Passkey" when nothing is known', () => {
    expect(passkeyDefaultName({ aaguid: null, client: null })).toBe("Passkey");
  });
});
