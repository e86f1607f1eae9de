// The part of oidc-provider 9's API that tests/e2e/servers/oidc-provider.ts uses; the package ships
// no type declarations and @types/oidc-provider lags behind its major versions.
declare module "oidc-provider" {
  import type { Server } from "node:http";

  export type AccountClaims = { sub: string; [claim: string]: unknown };
  export type Account = { accountId: string; claims: () => Promise<AccountClaims> };

  export type Configuration = {
    clients?: {
      client_id: string;
      client_secret?: string;
      redirect_uris: string[];
      grant_types?: string[];
      response_types?: string[];
    }[];
    features?: { devInteractions?: { enabled: boolean } };
    claims?: Record<string, string[]>;
    conformIdTokenClaims?: boolean;
    cookies?: { keys?: string[] };
    pkce?: { required?: () => boolean };
    findAccount?: (ctx: unknown, id: string) => Promise<Account | undefined>;
  };

  /** The part of Koa's context a middleware here reads and writes. */
  export type KoaContext = { path: string; body: unknown };

  export default class Provider {
    constructor(issuer: string, configuration?: Configuration);
    /** Provider is a Koa application. */
    listen(port: number, callback?: () => void): Server;
    /** A Koa middleware, run around the provider's own routes. */
    use(middleware: (ctx: KoaContext, next: () => Promise<void>) => Promise<void>): this;
  }
}
