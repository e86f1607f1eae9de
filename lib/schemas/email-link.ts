import { z } from "zod";

/** The token of a /verify-email link, posted back by the page's buttons (docs/decisions/0019). */
export const EmailLinkTokenSchema = z.object({
  token: z.string().trim().min(1).max(200),
});
