/**
 * The masked display form and the at-rest sealing of IBANs: envelopes carry the key id, open only
 * for their own row, and the blind index is keyed (equal under one key, different across keys).
 */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseEncryptionKey, type EncryptionKey } from "@/lib/env";
import { DecryptionError } from "@/lib/server/crypto/encryption";
import { ibanFingerprint, maskStoredIban, openIban, sealIban } from "@/lib/server/bank-accounts/iban-crypto";
import { maskIban } from "@/lib/server/bank-accounts/iban-mask";
import { renderMail } from "@/lib/server/mail/templates";

const newKey = (): EncryptionKey => parseEncryptionKey(randomBytes(32).toString("base64")) as EncryptionKey;

describe("maskIban", () => {
  it.each([
    ["DE89370400440532013000", "DE89 •••• •••• •••• •••• 00"],
    ["AT611904300234573201", "AT61 •••• •••• •••• ••01"],
    ["NO9386011117947", "NO93 •••• •••• •47"],
    ["MT84MALT011000012345MTLCAST001S", "MT84 •••• •••• •••• •••• •••• •••• •1S"],
    ["de89 3704 0044 0532 0130 00", "DE89 •••• •••• •••• •••• 00"],
  ])("%s → %s", (iban, masked) => {
    expect(maskIban(iban)).toBe(masked);
  });
});

describe("IBAN sealing", () => {
  it("seals with the key id, opens for its own row only, and never stores the IBAN in clear", () => {
    const key = newKey();
    const sealed = sealIban("row-1", "DE89370400440532013000", key);
    expect(sealed.ibanKeyId).toBe(key.id);
    expect(sealed.ibanCiphertext.startsWith(`v1.${key.id}.`)).toBe(true);
    expect(sealed.ibanCiphertext).not.toContain("DE89");
    expect(openIban("row-1", sealed.ibanCiphertext, [key])).toBe("DE89370400440532013000");
    expect(() => openIban("row-2", sealed.ibanCiphertext, [key])).toThrow(DecryptionError);
    expect(() => openIban("row-1", sealed.ibanCiphertext, [newKey()])).toThrow(DecryptionError);
  });

  it("masks a stored IBAN from the plaintext, or from the clear columns when its key is gone", () => {
    const key = newKey();
    const stored = {
      id: "row-1",
      ibanCiphertext: sealIban("row-1", "DE89370400440532013000", key).ibanCiphertext,
      ibanCountry: "DE",
      ibanLast4: "3000",
      ibanLength: 22,
    };
    expect(maskStoredIban(stored, [key])).toBe("DE89 •••• •••• •••• •••• 00");
    expect(maskStoredIban(stored, [newKey()])).toBe("DE•• •••• •••• •••• •••• 00");
  });

  it("uses a keyed blind index: equal IBANs match under one key, not across keys", () => {
    const key = newKey();
    const fp = ibanFingerprint("DE89370400440532013000", key);
    expect(sealIban("a", "DE89370400440532013000", key).ibanFingerprint).toBe(fp);
    expect(ibanFingerprint("AT611904300234573201", key)).not.toBe(fp);
    expect(ibanFingerprint("DE89370400440532013000", newKey())).not.toBe(fp);
    expect(fp).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("bank-account-changed mail", () => {
  const data = {
    accountMasked: maskIban("DE89370400440532013000"),
    time: new Date("2026-03-12T13:30:00Z"),
    reviewUrl: "https://konto.example.de/account/payment",
  };

  it.each([
    ["de", "added", "Neue Bankverbindung hinterlegt"],
    ["de", "changed", "Bankverbindung geändert"],
    ["en", "removed", "Bank account removed"],
  ] as const)("%s %s: subject, masked account and links, no placeholders", (locale, change, subject) => {
    const mail = renderMail(
      locale,
      { name: "bank-account-changed", data: { ...data, change } },
      {
        appUrl: "https://konto.example.de",
      },
    );
    expect(mail.subject).toBe(subject);
    expect(mail.text).toContain("DE89 •••• •••• •••• •••• 00");
    expect(mail.text).not.toContain("3704");
    expect(mail.text).toContain("\nhttps://konto.example.de/account/payment\n");
    expect(mail.text).toContain("\nhttps://konto.example.de/forgot-password\n");
    for (const part of [mail.subject, mail.text, mail.html])
      expect(part).not.toMatch(/[{}]|bankAccountChanged\./);
  });
});
