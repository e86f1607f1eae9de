/**
 * Stand-ins for Next's request-scoped APIs, so integration tests can run server actions for real
 * (real sessions, database, domain code): a cookie jar that serialises what an action sets with
 * Next's own cookie serialiser, request headers, and a redirect that throws what it was given.
 * Use from a test file, whose vi.mock factories are hoisted above its imports:
 *
 *   vi.mock("next/headers", async () => (await import("../support/next-request")).nextHeaders);
 *   vi.mock("next/navigation", async () => (await import("../support/next-request")).nextNavigation);
 *   vi.mock("next/cache", async () => (await import("../support/next-request")).nextCache);
 *   vi.mock("next-intl/server", async () => (await import("../support/next-request")).nextIntlServer);
 */
import { ResponseCookies, type ResponseCookie } from "next/dist/compiled/@edge-runtime/cookies";
import { createTranslator } from "use-intl/core";
import messages from "@/messages/de.json";

type CookieOptions = Record<string, unknown> & { name?: string; value?: string };

export class RedirectSignal extends Error {
  /** Next's own marker, so code that tells a redirect from a failure (isRedirectError) sees one. */
  readonly digest: string;

  constructor(readonly url: string) {
    super(`redirect to ${url}`);
    this.digest = `NEXT_REDIRECT;replace;${url};307;`;
  }
}

type RequestState = { cookies: Map<string, string>; headers: Headers; setCookieHeaders: string[] };

/**
 * This request's cookies (what the browser sent, plus what the action set) and headers; every
 * Set-Cookie header the actions of this test wrote, in order. Kept on globalThis so a test that
 * resets its modules (vi.resetModules) still shares one jar with the mocked next/headers.
 */
export const request: RequestState = ((
  globalThis as { __portalTestRequest?: RequestState }
).__portalTestRequest ??= {
  cookies: new Map<string, string>(),
  headers: new Headers({ "user-agent": "vitest" }),
  setCookieHeaders: [],
});

/** A fresh request: no cookies, the given client address (X-Portal-Client-Ip, lib/http/client-ip.ts). */
export function resetRequest(opts: { ip?: string } = {}): void {
  request.cookies.clear();
  request.setCookieHeaders.length = 0;
  request.headers = new Headers({ "user-agent": "vitest" });
  if (opts.ip) request.headers.set("x-portal-client-ip", opts.ip);
}

function record(write: (jar: ResponseCookies) => void): void {
  const headers = new Headers();
  write(new ResponseCookies(headers));
  request.setCookieHeaders.push(...headers.getSetCookie());
}

const cookieStore = {
  get: (name: string) => (request.cookies.has(name) ? { name, value: request.cookies.get(name) } : undefined),
  has: (name: string) => request.cookies.has(name),
  set(nameOrOptions: string | CookieOptions, value?: string, options: CookieOptions = {}) {
    const cookie =
      typeof nameOrOptions === "string" ? { ...options, name: nameOrOptions, value } : nameOrOptions;
    const { name = "", value: text = "" } = cookie;
    if (text === "" || cookie.maxAge === 0) request.cookies.delete(name);
    else request.cookies.set(name, text);
    record((jar) => jar.set({ ...cookie, name, value: text } as ResponseCookie));
    return cookieStore;
  },
  delete(nameOrOptions: string | CookieOptions) {
    const name = typeof nameOrOptions === "string" ? nameOrOptions : (nameOrOptions.name ?? "");
    request.cookies.delete(name);
    record((jar) =>
      typeof nameOrOptions === "string"
        ? jar.delete(nameOrOptions)
        : jar.delete(nameOrOptions as Omit<ResponseCookie, "value" | "expires">),
    );
    return cookieStore;
  },
};

export const nextHeaders = {
  cookies: async () => cookieStore,
  headers: async () => request.headers,
};

export const nextNavigation = {
  redirect: (url: string): never => {
    throw new RedirectSignal(url);
  },
  notFound: (): never => {
    throw new Error("NEXT_NOT_FOUND");
  },
};

export const nextCache = { revalidatePath: () => undefined };

/** next-intl's server API reads the request's locale from Next; here German, the default. */
export const nextIntlServer = {
  getLocale: async () => "de",
  getTranslations: async (namespace?: string) =>
    createTranslator({ locale: "de", messages, namespace: namespace as never }),
};

/** Runs an action that must end in a redirect and returns where it pointed. */
export async function redirectOf(action: () => Promise<unknown>): Promise<string> {
  try {
    await action();
  } catch (error) {
    if (error instanceof RedirectSignal) return error.url;
    // The signal of a module graph loaded afresh (vi.resetModules) is another class: its marker.
    const signal = error as { digest?: unknown; url?: unknown };
    if (String(signal.digest).startsWith("NEXT_REDIRECT;") && typeof signal.url === "string")
      return signal.url;
    throw error;
  }
  throw new Error("the action did not redirect");
}
