/**
 * Social login providers from the environment: OIDC_PROVIDERS=google,apple plus, for each key,
 * OIDC_<KEY>_ISSUER, OIDC_<KEY>_CLIENT_ID, OIDC_<KEY>_CLIENT_SECRET and optionally OIDC_<KEY>_NAME.
 */
export type OidcProviderConfig = {
  key: string;
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
};
type Issue = { variable: string; message: string };

export function parseOidcProviders(
  source: Record<string, string | undefined>,
  issues: Issue[],
): OidcProviderConfig[] {
  const list = (source.OIDC_PROVIDERS ?? "")
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const providers: OidcProviderConfig[] = [];
  for (const key of new Set(list)) {
    if (!/^[a-z][a-z0-9]{0,30}$/.test(key)) {
      issues.push({
        variable: "OIDC_PROVIDERS",
        message: `"${key}" must be a short lower-case name (letters and digits)`,
      });
      continue;
    }
    const prefix = `OIDC_${key.toUpperCase()}_`;
    const issuer = source[`${prefix}ISSUER`]?.trim();
    const clientId = source[`${prefix}CLIENT_ID`]?.trim();
    const clientSecret = source[`${prefix}CLIENT_SECRET`]?.trim();
    let ok = true;
    if (!issuer || !/^https?:\/\/[^\s]+$/.test(issuer)) {
      issues.push({ variable: `${prefix}ISSUER`, message: "must be the provider's issuer URL (https://…)" });
      ok = false;
    }
    if (!clientId) {
      issues.push({ variable: `${prefix}CLIENT_ID`, message: "is required for a listed provider" });
      ok = false;
    }
    if (!clientSecret) {
      issues.push({ variable: `${prefix}CLIENT_SECRET`, message: "is required for a listed provider" });
      ok = false;
    }
    if (ok) {
      const name = source[`${prefix}NAME`]?.trim() || key.charAt(0).toUpperCase() + key.slice(1);
      providers.push({
        key,
        name,
        issuer: issuer!.replace(/\/+$/, ""),
        clientId: clientId!,
        clientSecret: clientSecret!,
      });
    }
  }
  return providers;
}
