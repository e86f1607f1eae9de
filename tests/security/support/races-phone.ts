/**
 * The phone-number proof's limiters (docs/decisions/0052), raced like the others in races.ts: SMS
 * codes sent per account, and guesses per account on top of each code's 5 attempts.
 */
import { e2eDb } from "../../e2e/support/users";
import { createActor, signedInClient } from "./actors";
import { judged, succeeded, type Race } from "./races";

async function customerWithPhone() {
  const actor = await createActor("CUSTOMER");
  const phoneE164 = `+49152${Math.floor(10_000_000 + Math.random() * 89_999_999)}`;
  await e2eDb().profile.create({ data: { userId: actor.id, phoneE164 } });
  return (await signedInClient(actor.id)).client;
}

export const PHONE_RACES: Race[] = [
  {
    policy: "phoneCodeSend",
    what: "SMS codes to the profile's number",
    burst: 8,
    prepare: async () => {
      const client = await customerWithPhone();
      return async () => judged(await client.action("sendPhoneCodeAction", []), succeeded);
    },
  },
  {
    policy: "phoneCodeCheck",
    what: "guesses at the SMS code",
    burst: 15,
    prepare: async () => {
      const client = await customerWithPhone();
      // Wrong (or no open) code: the answer is the check's, VALIDATION_FAILED, once past the limiter.
      return async (i) =>
        judged(
          await client.action("verifyPhoneCodeAction", [{ code: String(100_000 + i) }]),
          (r) => r.result?.code === "VALIDATION_FAILED",
        );
    },
  },
];
