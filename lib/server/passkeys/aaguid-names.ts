/**
 * Friendly default names for new passkeys (issue 15 item 13), in the customer's language: the
 * authenticator model from its AAGUID ("iCloud-Schlüsselbund"), else the browser and system that
 * created it ("Chrome auf Linux"), else "Passkey"; the customer can rename it. Only well-known,
 * stable AAGUIDs, curated from the community list (passkeydeveloper/passkey-authenticator-aaguids):
 * no npm package of that list installs offline here.
 */
type Locale = "de" | "en";
type Name = string | Record<Locale, string>;

const NAMES: Record<string, Name> = {
  "ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4": { de: "Google Passwortmanager", en: "Google Password Manager" },
  "adce0002-35bc-c60a-648b-0b25f1f05503": { de: "Chrome auf dem Mac", en: "Chrome on Mac" },
  "fbfc3007-154e-4ecc-8c0b-6e020557d7bd": { de: "iCloud-Schlüsselbund", en: "iCloud Keychain" },
  "dd4ec289-e01d-41c9-bb89-70fa845d4bf2": {
    de: "iCloud-Schlüsselbund (verwaltet)",
    en: "iCloud Keychain (Managed)",
  },
  "08987058-cadc-4b81-b6e1-30de50dcbe96": "Windows Hello",
  "9ddd1817-af5a-4672-a2b9-3e3dd95000a9": "Windows Hello",
  "6028b017-b1d4-4c02-b4b3-afcdafc96bb2": "Windows Hello",
  "bada5566-a7aa-401f-bd96-45619a55120d": "1Password",
  "d548826e-79b4-db40-a3d8-11116f7e8349": "Bitwarden",
  "531126d6-e717-415c-9320-3d9aa6981239": "Dashlane",
  "b84e4048-15dc-4dd0-8640-f4f60813c8af": "NordPass",
  "53414d53-554e-4700-0000-000000000000": { de: "Samsung Pass", en: "Samsung Pass" },
  "771b48fd-d3d4-4f74-9232-fc157ab0507a": { de: "Edge auf dem Mac", en: "Edge on Mac" },
  "0ea242b4-43c4-4a1b-8b17-dd6d0b6baec6": "Keeper",
  "f3809540-7f14-49c1-a8b3-8f813b225541": "Enpass",
  "b5397666-4885-aa6b-cebf-e52262a439a2": { de: "Chromium-Browser", en: "Chromium Browser" },
  "cb69481e-8ff7-4039-93ec-0a2729a154a8": "YubiKey 5",
  "ee882879-721c-4913-9775-3dfcce97072a": "YubiKey 5",
};

const ON: Record<Locale, string> = { de: "auf", en: "on" };

/**
 * The name a new passkey gets. The all-zero AAGUID means "not disclosed" (no attestation), so it
 * names nothing and the browser does; its major version is left out (it changes every month).
 */
export function passkeyDefaultName({
  aaguid,
  client,
  locale,
}: {
  aaguid: string | null | undefined;
  client?: { browser: string | null; os: string | null } | null;
  locale?: string | null;
}): string {
  const lang: Locale = locale === "en" ? "en" : "de";
  const model = aaguid ? NAMES[aaguid.toLowerCase()] : undefined;
  if (model) return typeof model === "string" ? model : model[lang];
  const browser = client?.browser?.replace(/\s+\d+$/, "");
  if (browser && client?.os) return `${browser} ${ON[lang]} ${client.os}`;
  return browser || "Passkey";
}
