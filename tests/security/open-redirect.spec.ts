/**
 * Open redirects (finding 2, ASVS 3.7.2): a table of hostile return paths against every place
 * that takes one. Whatever comes back must be a normalised same-origin path: exactly what a
 * browser will request, never something it could read as another origin ("//host", "/\host").
 */
import { e2eDb } from "../e2e/support/users";
import { createActor, PASSWORD, signedInClient } from "./support/actors";
import { Coverage } from "./support/coverage";
import { mailedCode, signIn } from "./support/flows";
import { APP_ORIGIN, clientIp, PortalClient } from "./support/portal-client";
import { SoftwarePasskey } from "./support/software-passkey";
import { expect, test } from "./fixtures";

const coverage = new Coverage("open-redirect");
test.afterAll(() => coverage.report());

export const HOSTILE_RETURN_PATHS = [
  "//evil.example/x",
  "///evil.example/x",
  "/.//evil.example/x",
  "/..//evil.example/x",
  "/x/..//evil.example/x",
  "/%2F%2Fevil.example/x",
  "/%2e/%2Fevil.example",
  "/\\evil.example/x",
  "/%5Cevil.example/x",
  "/\t/evil.example/x",
  "/\n/evil.example/x",
  "/%09/evil.example/x",
  "https://evil.example/x",
  "http:evil.example",
  "javascript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  " //evil.example",
  "/account?next=//evil.example",
];

/** The return path an entry point ends up using for `payload`: null when it drops it entirely. */
type EntryPoint = { name: string; target: (payload: string) => Promise<string | null> };

/** The callbackUrl a page hands to its client components (from the React flight data in the HTML). */
async function pageCallbackUrl(client: PortalClient, path: string): Promise<string | null> {
  const html = await (await client.fetch(path)).text();
  const flight = [...html.matchAll(/self\.__next_f\.push\((\[.*?\])\)<\/script>/gs)]
    .map((m) => (JSON.parse(m[1]!) as [number, string?])[1] ?? "")
    .join("");
  const value = /"callbackUrl":("(?:[^"\\]|\\.)*")/.exec(flight)?.[1];
  if (!value) throw new Error(`${path}: no callbackUrl in the page`);
  const parsed = JSON.parse(value) as string;
  return parsed === "$undefined" ? null : parsed;
}

const ENTRY_POINTS: EntryPoint[] = [
  {
    name: "sign-in with a password",
    target: async (payload) => {
      const customer = await createActor("CUSTOMER");
      return (
        await signIn(new PortalClient(clientIp("redir-pw")), customer.email, PASSWORD, {
          callbackUrl: payload,
        })
      ).redirect;
    },
  },
  {
    name: "second factor at /login/verify",
    target: async (payload) => {
      const staff = await createActor("SUPPORT");
      const client = new PortalClient(clientIp("redir-2fa"));
      const since = new Date();
      await signIn(client, staff.email, PASSWORD, { callbackUrl: payload });
      const code = await mailedCode(staff.email, since);
      return (await client.action("verifySecondFactorAction", [{ method: "EMAIL_CODE", code }])).redirect;
    },
  },
  {
    name: "passkey sign-in",
    target: async (payload) => {
      const customer = await createActor("CUSTOMER");
      const passkey = new SoftwarePasskey();
      const userHandle = Buffer.from(customer.id).toString("base64url");
      await e2eDb().user.update({ where: { id: customer.id }, data: { webauthnUserId: userHandle } });
      await e2eDb().passkey.create({
        data: {
          userId: customer.id,
          credentialId: passkey.credentialId,
          publicKey: new Uint8Array(passkey.publicKey),
          deviceType: "MULTI_DEVICE",
          backedUp: true,
          name: "Software",
        },
      });
      const client = new PortalClient(clientIp("redir-passkey"));
      const options = (await client.action("startPasskeySignInAction", [])).result!.data as {
        challenge: string;
      };
      const response = passkey.assert(options.challenge, { userHandle });
      const reply = await client.action("finishPasskeySignInAction", [{ response, callbackUrl: payload }]);
      return (reply.result?.data as { redirectTo?: string } | undefined)?.redirectTo ?? reply.redirect;
    },
  },
  {
    name: "sign-in page",
    target: async (payload) =>
      pageCallbackUrl(
        new PortalClient(clientIp("redir-login")),
        `/login?callbackUrl=${encodeURIComponent(payload)}`,
      ),
  },
  {
    name: "step-up page",
    target: async (payload) => {
      const { client } = await signedInClient((await createActor("CUSTOMER")).id, { stale: true });
      return pageCallbackUrl(client, `/login/step-up?callbackUrl=${encodeURIComponent(payload)}`);
    },
  },
  {
    name: "language switch",
    target: async (payload) =>
      (
        await new PortalClient(clientIp("redir-locale")).formAction("setLocale", {
          locale: "en",
          returnTo: payload,
        })
      ).redirect,
  },
  {
    name: "social sign-in (next-auth callbackUrl)",
    target: async (payload) => {
      const client = new PortalClient(clientIp("redir-social"));
      const { csrfToken } = (await (await client.fetch("/api/auth/csrf")).json()) as { csrfToken: string };
      await client.fetch("/api/auth/signin/testidp", {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ csrfToken, callbackUrl: payload, json: "true" }).toString(),
      });
      const stored = client.cookies.get("next-auth.callback-url");
      return stored ? decodeURIComponent(stored) : null;
    },
  },
];

/** Whether a browser told to go to `target` stays on the portal, with nothing left to reinterpret. */
function assertHarmless(target: string | null): void {
  if (target === null) return; // dropped: the entry point falls back to its own default
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) {
    // An absolute URL (next-auth keeps one): its origin alone decides.
    expect(new URL(target).origin, "an absolute URL on the portal").toBe(APP_ORIGIN);
    return;
  }
  const url = new URL(target, APP_ORIGIN);
  expect(url.origin, "resolves to the portal").toBe(APP_ORIGIN);
  expect(target, "a path, not a scheme or host").toMatch(/^\/(?![/\\])/);
  expect(target, "the normalised path itself").toBe(`${url.pathname}${url.search}${url.hash}`);
}

for (const entry of ENTRY_POINTS) {
  for (const payload of HOSTILE_RETURN_PATHS) {
    const title = `${entry.name} ${JSON.stringify(payload)}`;
    test(`[ATTACKER] return path: ${title}`, async () => {
      assertHarmless(await entry.target(payload));
      coverage.add("entry point × payload cases");
    });
  }
}
