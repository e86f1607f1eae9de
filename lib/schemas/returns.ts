/**
 * A customer's return (docs/decisions/0062): the form and the server action share this schema.
 * Per item of the order a quantity (0 = not sent back), at least one above 0; a reason code from
 * the fixed list and an optional comment. Whether the quantities fit the order is the domain's.
 */
import { z } from "zod";
import { RETURN_COMMENT_MAX_LENGTH, RETURN_REASONS } from "@/lib/config/orders";

export const ReturnRequestSchema = z.object({
  orderId: z.string().min(1).max(64),
  items: z
    .array(
      z.object({
        orderItemId: z.string().min(1).max(64),
        quantity: z.number().int().min(0).max(10_000),
      }),
    )
    .min(1)
    .max(200)
    .refine((items) => items.some((item) => item.quantity > 0), {
      message: "validation.returnNoItems",
      path: [],
    })
    .refine((items) => new Set(items.map((item) => item.orderItemId)).size === items.length, {
      message: "validation.invalid",
    }),
  reason: z.enum(RETURN_REASONS, { message: "validation.returnReason" }),
  comment: z
    .string()
    .trim()
    .max(RETURN_COMMENT_MAX_LENGTH, { message: "validation.returnCommentTooLong" })
    .optional()
    .transform((value) => (value ? value : undefined)),
});
export type ReturnRequestInput = z.input<typeof ReturnRequestSchema>;
export type ReturnRequestValues = z.output<typeof ReturnRequestSchema>;
