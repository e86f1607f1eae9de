/**
 * Races on the limiters that let the owner in while strangers guess (docs/decisions/0021, 0022):
 * the owner's own browser bucket, the passkeys' own IP bucket, the unlock-link mails and the
 * buttons behind mailed sign-in links. Same rules as races.ts: a pass reached the check behind the
 * limiter, a refusal is the limiter's.
 */
import { expect } from "@playwright/test";
import { uniqueEmail } from "../../e2e/support/users";
import { createActor, PASSWORD } from "./actors";
import { signIn } from "./flows";
import { clientIp, PortalClient } from "./portal-client";
import { judged, succeeded, wrongPassword, type Race } from "./races";
import { SoftwarePasskey } from "./software-passkey";

// Set by prepare() for after(): the bucket each race must (not) have filled.
let deviceOwner = "";
let passkeyIp = "";

export const SIGN_IN_RACES: Race[] = [
  {
    policy: "signInAccountDevice",
    what: "wrong passwords with the owner's own browser cookie, from many addresses",
    burst: 20,
    prepare: async () => {
      const owner = await createActor("CUSTOMER");
      deviceOwner = owner.email;
      const browser = new PortalClient(clientIp("own-browser"));
      const first = await signIn(browser, owner.email, PASSWORD);
      const device = browser.cookies.get("portal_device");
      if (first.redirect !== "/account" || !device) throw new Error(`no known browser: ${first.redirect}`);
      return async (i) => {
        // A copied device cookie buys only this bucket's few free failures, never the account.
        const client = new PortalClient(clientIp(`own${i}`));
        client.cookies.set("portal_device", device);
        return judged(await signIn(client, owner.email, `falsch-${i}`), wrongPassword);
      };
    },
    // The burst filled the browser's own bucket: the account's, shared by everyone else, is untouched.
    after: async () => {
      const stranger = await signIn(new PortalClient(clientIp("stranger")), deviceOwner, "falsch");
      expect(stranger.result?.code, "the account bucket is not the one that was filled").toBe(
        "UNAUTHENTICATED",
      );
    },
  },
  {
    policy: "passkeySignInIp",
    what: "well-formed assertions of an unknown passkey from one IP",
    burst: 45,
    prepare: async () => {
      const ip = clientIp("passkey-ip");
      passkeyIp = ip;
      const passkey = new SoftwarePasskey(); // never registered: every assertion is refused
      return async () => {
        const client = new PortalClient(ip);
        const options = (await client.action("startPasskeySignInAction", [])).result!.data as {
          challenge: string;
        };
        const response = passkey.assert(options.challenge);
        return judged(await client.action("finishPasskeySignInAction", [{ response }]), wrongPassword);
      };
    },
    // The passkeys' own bucket: a password sign-in from the same address is still judged (the risk
    // engine may ask more of it after so many failures, but the password throttle lets it through).
    after: async () => {
      const customer = await createActor("CUSTOMER");
      const reply = await signIn(new PortalClient(passkeyIp), customer.email, PASSWORD);
      expect(reply.result?.code, "the password bucket is not the one that was filled").not.toBe(
        "RATE_LIMITED",
      );
    },
  },
  {
    policy: "signInUnlockAccount",
    what: "unlock-link mails for one address from many IPs, in every spelling",
    burst: 8,
    prepare: async () => {
      const victim = await createActor("CUSTOMER");
      return async (i) => {
        const email = i % 2 ? victim.email.toUpperCase() : victim.email;
        const reply = await new PortalClient(clientIp(`unlock${i}`)).action("requestSignInUnlockAction", [
          { email },
        ]);
        return judged(reply, succeeded);
      };
    },
  },
  {
    policy: "signInUnlockIp",
    what: "unlock-link mails for many addresses from one IP",
    burst: 15,
    prepare: async () => {
      const ip = clientIp("unlock-ip");
      return async (i) =>
        judged(
          await new PortalClient(ip).action("requestSignInUnlockAction", [{ email: uniqueEmail(`u${i}`) }]),
          succeeded,
        );
    },
  },
  {
    policy: "signInLinkIp",
    what: "“Das war ich” buttons with guessed tokens from one IP",
    burst: 25,
    prepare: async () => {
      const ip = clientIp("link-ip");
      return async (i) => {
        const reply = await new PortalClient(ip).formAction("confirmBlockedSignInAction", {
          token: `geraten-${i}-${Date.now()}`,
        });
        if (reply.redirect === "/login/it-was-me?status=RATE_LIMITED") return false;
        if (reply.redirect === "/login/it-was-me?status=INVALID_LINK") return true;
        throw new Error(`unexpected answer: ${reply.status} ${reply.redirect}`);
      };
    },
  },
];
