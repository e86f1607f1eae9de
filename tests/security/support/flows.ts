/**
 * Steps several attacks share, driven over HTTP as a browser would: password sign-in, the second
 * step with a mailed code, and reading what the portal mailed.
 */
import { extractLink, waitForMail } from "../../e2e/support/mailbox";
import type { ActionReply, PortalClient } from "./portal-client";

export function signIn(
  client: PortalClient,
  email: string,
  password: string,
  opts: { callbackUrl?: string; rememberMe?: boolean } = {},
): Promise<ActionReply> {
  return client.action("signInWithPassword", [
    { email, password, rememberMe: opts.rememberMe ?? false, callbackUrl: opts.callbackUrl },
  ]);
}

/** The six-digit code of the newest sign-in or step-up code mail to `to` since `since`. */
export async function mailedCode(to: string, since: Date): Promise<string> {
  const mail = await waitForMail({ to, since, subject: /Anmeldecode|sign-in code/i });
  const code = /\b(\d{6})\b/.exec(mail.text)?.[1];
  if (!code) throw new Error(`no six-digit code in the mail to ${to}`);
  return code;
}

/** The link to `pathPrefix` in the newest mail to `to` (subject matching) since `since`. */
export async function mailedLink(
  to: string,
  since: Date,
  subject: RegExp,
  pathPrefix: string,
): Promise<string> {
  return extractLink(await waitForMail({ to, since, subject }), pathPrefix);
}

/** The token query parameter of a mailed link, and its path for the client. */
export function tokenOf(link: string): { token: string; path: string } {
  const url = new URL(link);
  return { token: url.searchParams.get("token") ?? "", path: `${url.pathname}${url.search}` };
}

/** Password sign-in of a staff member (or anyone asked for a code) completed with the mailed code. */
export async function signInWithMailedCode(
  client: PortalClient,
  email: string,
  password: string,
  opts: { callbackUrl?: string } = {},
): Promise<{ first: ActionReply; second: ActionReply }> {
  const since = new Date();
  const first = await signIn(client, email, password, opts);
  if (first.redirect !== "/login/verify") throw new Error(`expected the second step, got ${first.redirect}`);
  const code = await mailedCode(email, since);
  const second = await client.action("verifySecondFactorAction", [{ method: "EMAIL_CODE", code }]);
  return { first, second };
}
