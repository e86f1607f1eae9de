/**
 * The machine API's limiter for calls without a valid key (docs/decisions/0045), raced through its
 * HTTP door: a burst of guessed keys from one client address. An attempt "passes" when the key was
 * looked up and judged (401); a refusal is 429 RATE_LIMITED before any lookup.
 */
import { randomBytes } from "node:crypto";
import type { Race } from "./races";
import { BASE_URL, clientIp } from "./portal-client";

export const API_RACES: Race[] = [
  {
    policy: "apiKeylessIp",
    what: "guessed API keys from one address",
    burst: 60,
    prepare: async () => {
      const ip = clientIp("api-guess");
      return async () => {
        const answer = await fetch(`${BASE_URL}/api/v1/audiences/marketing_email?limit=1`, {
          headers: {
            Authorization: `Bearer kp_guess000_${randomBytes(32).toString("base64url")}`,
            "X-Forwarded-For": ip,
          },
        });
        await answer.body?.cancel();
        if (answer.status === 429) return false;
        if (answer.status === 401) return true;
        throw new Error(`unexpected answer: ${answer.status}`);
      };
    },
  },
];
