/**
 * The check-email page's "Erneut senden" (docs/decisions/0056), raced through its server action
 * with the registration cookie a sign-up leaves: per address as typed from many IPs, and per IP
 * for many addresses. The answer is the same for every address, so an attempt "passes" when it was
 * answered ok; a refusal is RATE_LIMITED before any look-up.
 */
import { randomBytes } from "node:crypto";
import { uniqueEmail } from "../../e2e/support/users";
import { clientIp, PortalClient } from "./portal-client";
import { judged, succeeded, type Race } from "./races";

/** A browser holding the cookie a sign-up with `email` sets (lib/auth/registration-cookie.ts). */
function afterSignUp(ip: string, email: string): PortalClient {
  const client = new PortalClient(ip);
  const nonce = randomBytes(32).toString("base64url");
  client.cookies.set("portal_registration", `${nonce}.${Buffer.from(email).toString("base64url")}`);
  return client;
}

export const REGISTRATION_RACES: Race[] = [
  {
    policy: "registrationResend",
    what: "resent sign-up mails for one address from many IPs",
    burst: 8,
    prepare: async () => {
      const email = uniqueEmail("erneut");
      return async (i) =>
        judged(
          await afterSignUp(clientIp(`signup-resend${i}`), email).action("resendRegistrationMailAction", []),
          succeeded,
        );
    },
  },
  {
    policy: "registrationResendIp",
    what: "resent sign-up mails for many addresses from one IP",
    burst: 15,
    prepare: async () => {
      const ip = clientIp("signup-resend-ip");
      return async () =>
        judged(
          await afterSignUp(ip, uniqueEmail("ip")).action("resendRegistrationMailAction", []),
          succeeded,
        );
    },
  },
];
