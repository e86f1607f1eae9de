/**
 * One parallel burst per limiter of lib/config/rate-limits.ts, each through the HTTP door
 * a real attacker would use. An attempt "passes" when the limiter let it through to the check
 * behind it (a wrong password judged wrong, a mail sent, an IBAN shown); a refusal is the
 * limiter's RATE_LIMITED. rate-limits.spec.ts asserts that no more pass than the policy allows.
 * The limiters that let the owner in while strangers guess are raced in races-sign-in.ts.
 */
import { createECDH, randomBytes, randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { RateLimitPolicyName } from "../../../lib/config/rate-limits";
import { e2eDb, uniqueEmail } from "../../e2e/support/users";
import { createActor, createSession, PASSWORD, signedInClient } from "./actors";
import { signIn } from "./flows";
import { hashToken } from "../../../lib/server/crypto/token-hash";
import { BASE_URL, clientIp, PortalClient, type ActionReply } from "./portal-client";

export type Attempt = (i: number) => Promise<boolean>;
export type Race = {
  policy: RateLimitPolicyName;
  /** What the attacker does, for the test title. */
  what: string;
  burst: number;
  prepare: () => Promise<Attempt>;
  /** What must still hold after the burst (e.g. that it filled the intended bucket, not another). */
  after?: () => Promise<void>;
};

const refusedBy = (reply: ActionReply) => reply.result?.code === "RATE_LIMITED";

/** An attempt that passed must show the check behind the limiter; anything else is a test error. */
export function judged(reply: ActionReply, passed: (r: ActionReply) => boolean): boolean {
  if (refusedBy(reply)) return false;
  if (passed(reply)) return true;
  throw new Error(`unexpected answer: ${reply.status} ${reply.redirect} ${JSON.stringify(reply.result)}`);
}

export const wrongPassword = (r: ActionReply) => r.result?.code === "UNAUTHENTICATED";
export const succeeded = (r: ActionReply) => r.result?.ok === true;
const validationFailed = (r: ActionReply) => r.result?.code === "VALIDATION_FAILED";

/** A staff member's password sign-in waiting at /login/verify for the mailed code. */
async function pendingSecondStep(): Promise<PortalClient> {
  const staff = await createActor("SUPPORT");
  const client = new PortalClient(clientIp("pending"));
  const reply = await signIn(client, staff.email, PASSWORD);
  if (reply.redirect !== "/login/verify") throw new Error(`no second step: ${reply.redirect}`);
  return client;
}

/** A local stand-in for a browser's push service: accepts every delivery. */
async function pushService(): Promise<string> {
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(201).end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  server.unref();
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/push/${randomBytes(8).toString("hex")}`;
}

export const RACES: Race[] = [
  {
    policy: "signInAccount",
    what: "wrong passwords for one account from many addresses, in every spelling of its email",
    burst: 20,
    prepare: async () => {
      const victim = await createActor("CUSTOMER");
      const spellings = [
        victim.email,
        victim.email.toUpperCase(),
        `  ${victim.email}\t`,
        ` ${victim.email.toUpperCase()}`,
      ];
      return async (i) =>
        judged(
          await signIn(new PortalClient(clientIp(`acct${i}`)), spellings[i % 4]!, `falsch-${i}`),
          wrongPassword,
        );
    },
  },
  {
    policy: "signInIp",
    what: "wrong passwords for many addresses from one IP",
    burst: 45,
    prepare: async () => {
      const ip = clientIp("one-ip");
      return async (i) =>
        judged(await signIn(new PortalClient(ip), uniqueEmail(`ip${i}`), "falsch"), wrongPassword);
    },
  },
  {
    policy: "register",
    what: "registrations and passkey sign-ups from one IP",
    burst: 15,
    prepare: async () => {
      const ip = clientIp("register");
      return async (i) => {
        const client = new PortalClient(ip);
        const email = uniqueEmail(`reg${i}`);
        if (i % 3 === 2) {
          const reply = await client.action("startPasskeySignUpAction", [{ email, acceptTerms: true }]);
          return judged(reply, succeeded);
        }
        const reply = await client.action("registerAccount", [
          { email, password: PASSWORD, acceptTerms: true },
        ]);
        return judged(reply, (r) => r.redirect === "/register/check-email");
      };
    },
  },
  {
    policy: "passwordResetAccount",
    what: "reset mails for one address from many IPs",
    burst: 8,
    prepare: async () => {
      const victim = await createActor("CUSTOMER");
      return async (i) => {
        const client = new PortalClient(clientIp(`reset${i}`));
        const email = i % 2 ? victim.email.toUpperCase() : victim.email;
        return judged(
          await client.action("requestPasswordReset", [{ email }]),
          (r) => r.redirect === "/forgot-password/sent",
        );
      };
    },
  },
  {
    policy: "passwordResetIp",
    what: "reset mails for many addresses from one IP",
    burst: 25,
    prepare: async () => {
      const ip = clientIp("reset-ip");
      return async (i) => {
        const reply = await new PortalClient(ip).action("requestPasswordReset", [
          { email: uniqueEmail(`r${i}`) },
        ]);
        return judged(reply, (r) => r.redirect === "/forgot-password/sent");
      };
    },
  },
  {
    policy: "verificationResend",
    what: "verification mails for one account",
    burst: 8,
    prepare: async () => {
      const { client } = await signedInClient((await createActor("CUSTOMER", { verified: false })).id);
      return async () => judged(await client.action("resendVerificationAction", []), succeeded);
    },
  },
  {
    policy: "verificationResendIp",
    what: "verification mails for eight accounts from one IP",
    burst: 24,
    prepare: async () => {
      const ip = clientIp("resend-ip");
      const clients: PortalClient[] = [];
      for (let k = 0; k < 8; k++) {
        const { token } = await createSession((await createActor("CUSTOMER", { verified: false })).id);
        clients.push(new PortalClient(ip, { sessionToken: token }));
      }
      return async (i) => judged(await clients[i % 8]!.action("resendVerificationAction", []), succeeded);
    },
  },
  {
    policy: "secondFactor",
    what: "wrong codes at /login/verify",
    burst: 15,
    prepare: async () => {
      const client = await pendingSecondStep();
      return async (i) => {
        const code = String(100000 + i);
        const reply = await client.action("verifySecondFactorAction", [{ method: "EMAIL_CODE", code }]);
        return judged(reply, validationFailed);
      };
    },
  },
  {
    policy: "signInEmailCodeSend",
    what: "“send the code again” at /login/verify",
    burst: 10,
    prepare: async () => {
      const client = await pendingSecondStep();
      return async () => judged(await client.action("resendEmailCodeAction", []), succeeded);
    },
  },
  {
    policy: "stepUp",
    what: "wrong passwords in the step-up dialog",
    burst: 15,
    prepare: async () => {
      const { client } = await signedInClient((await createActor("CUSTOMER")).id, { stale: true });
      return async (i) =>
        judged(
          await client.action("stepUpWithPasswordAction", [{ password: `falsch-${i}` }]),
          validationFailed,
        );
    },
  },
  {
    policy: "stepUpEmailCodeSend",
    what: "step-up codes by mail",
    burst: 10,
    prepare: async () => {
      const actor = await createActor("CUSTOMER", { withPassword: false });
      const { client } = await signedInClient(actor.id, { stale: true });
      return async () => judged(await client.action("sendStepUpCodeAction", []), succeeded);
    },
  },
  {
    policy: "newsletterConfirmation",
    what: "newsletter confirmation mails",
    burst: 8,
    prepare: async () => {
      const actor = await createActor("CUSTOMER");
      await e2eDb().topicSubscription.create({
        data: { userId: actor.id, topicKey: "offers", channel: "EMAIL", status: "PENDING_CONFIRMATION" },
      });
      const { client } = await signedInClient(actor.id);
      return async () => judged(await client.action("resendNewsletterConfirmationAction", []), succeeded);
    },
  },
  {
    policy: "emailChange",
    what: "email-change links to new addresses",
    burst: 8,
    prepare: async () => {
      const { client } = await signedInClient((await createActor("CUSTOMER")).id);
      return async (i) =>
        judged(await client.action("changeEmailAction", [{ newEmail: uniqueEmail(`neu${i}`) }]), succeeded);
    },
  },
  {
    policy: "ibanReveal",
    what: "full-IBAN reveals",
    burst: 15,
    prepare: async () => {
      const actor = await createActor("CUSTOMER");
      const { client } = await signedInClient(actor.id);
      const added = await client.action("addBankAccountAction", [
        randomUUID(),
        { holderName: "Erika Mustermann", iban: "DE89370400440532013000", bic: "", grantMandate: false },
      ]);
      if (!added.result?.ok) throw new Error(`bank account not added: ${JSON.stringify(added.result)}`);
      const account = await e2eDb().bankAccount.findFirstOrThrow({ where: { userId: actor.id } });
      return async () =>
        judged(await client.action("revealIbanAction", [{ bankAccountId: account.id }]), succeeded);
    },
  },
  {
    policy: "pushTest",
    what: "test notifications",
    burst: 10,
    prepare: async () => {
      const actor = await createActor("CUSTOMER");
      const ecdh = createECDH("prime256v1");
      const subscription = await e2eDb().pushSubscription.create({
        data: {
          userId: actor.id,
          endpoint: await pushService(),
          p256dh: ecdh.generateKeys().toString("base64url"),
          auth: randomBytes(16).toString("base64url"),
        },
      });
      const { client } = await signedInClient(actor.id);
      return async () =>
        judged(await client.action("sendTestPushAction", [{ subscriptionId: subscription.id }]), succeeded);
    },
  },
  {
    // docs/decisions/0045: one key's calls, from any number of connections, share one window.
    policy: "apiKey",
    what: "API calls with one key",
    burst: 140,
    prepare: async () => {
      const key = `kp_race0000_${randomBytes(32).toString("base64url")}`;
      await e2eDb().apiKey.create({
        data: { name: "Race", prefix: "kp_race0000", keyHash: hashToken(key), scopes: ["audiences:read"] },
      });
      return async () => {
        const answer = await fetch(`${BASE_URL}/api/v1/audiences/marketing_email?limit=1`, {
          headers: { Authorization: `Bearer ${key}` },
        });
        await answer.body?.cancel();
        if (answer.status === 429) return false;
        if (answer.status === 200) return true;
        throw new Error(`unexpected answer: ${answer.status}`);
      };
    },
  },
];
