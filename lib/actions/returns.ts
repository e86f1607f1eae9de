"use server";

import { revalidatePath } from "next/cache";
import { idempotentAction } from "@/lib/auth/action-pipeline";
import { getClientInfo } from "@/lib/auth/client-info";
import { requireUser } from "@/lib/auth/session";
import {
  actionFailure,
  actionOk,
  rateLimitedFailure,
  validationFailed,
  type ActionResult,
} from "@/lib/errors";
import { ReturnRequestSchema, type ReturnRequestInput } from "@/lib/schemas/returns";
import { customerActor } from "@/lib/server/actor";
import { requestReturn, type RequestReturnFailure } from "@/lib/server/orders/returns";
import { consumeRateLimit } from "@/lib/server/rate-limit/rate-limit";

const FAILURE_MESSAGE = {
  NOT_FOUND: "orders.returns.errors.notFound",
  NOT_DELIVERED: "orders.returns.errors.notEligible",
  WINDOW_CLOSED: "orders.returns.errors.windowClosed",
  NOTHING_LEFT: "orders.returns.errors.nothingLeft",
  UNKNOWN_ITEM: "orders.returns.errors.changed",
  QUANTITY_EXCEEDED: "orders.returns.errors.changed",
} as const satisfies Record<RequestReturnFailure, string>;

/**
 * The customer starts a return of a delivered order (docs/decisions/0062). The domain re-checks
 * ownership, window and quantities in its transaction; another customer's order is NOT_FOUND.
 * Idempotent by the form's key (decision 0072): a request whose answer was cut off and is sent
 * again is one return, not a second one for the items still left.
 */
export const requestReturnAction = idempotentAction(
  "requestReturnAction",
  async (input: ReturnRequestInput): Promise<ActionResult<{ returnId: string }>> => {
    const parsed = ReturnRequestSchema.safeParse(input);
    const user = await requireUser({
      returnTo: parsed.success ? `/account/orders/${parsed.data.orderId}` : "/account/orders",
    });
    if (!parsed.success) return validationFailed(parsed.error);
    const limit = await consumeRateLimit({ policy: "returnRequest", subject: user.id });
    if (!limit.allowed) return rateLimitedFailure(limit.retryAfterSeconds);
    const result = await requestReturn({
      actor: customerActor(user.id, await getClientInfo(), user.sessionId),
      ...parsed.data,
    });
    if (!result.ok)
      return actionFailure(result.code === "NOT_FOUND" ? "NOT_FOUND" : "VALIDATION_FAILED", {
        message: FAILURE_MESSAGE[result.code],
      });
    revalidatePath(`/account/orders/${parsed.data.orderId}`);
    return actionOk({ returnId: result.returnId });
  },
);
