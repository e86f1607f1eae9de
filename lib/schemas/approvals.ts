/**
 * Shop approvals (docs/decisions/0063): the request the shop sends to POST /api/v1/approvals, the
 * details the customer is shown and signs (canonical JSON, lib/server/transactions/binding.ts),
 * and the answer of the API. Amounts are integers in minor units: a float is not a thing to sign.
 */
import { z } from "zod";
import { CustomerIdSchema } from "./audience";

export const APPROVAL_REASONS = ["over_threshold", "delivery_address_changed"] as const;
export type ApprovalReason = (typeof APPROVAL_REASONS)[number];

/** The longest a shop may let a request wait for the customer. */
export const APPROVAL_MAX_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

const ShopIdSchema = z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/, "1–64 letters, digits, . _ : -");
const MinorUnitsSchema = z.number().int().min(0).max(1_000_000_000);
const CurrencySchema = z.string().regex(/^[A-Z]{3}$/, "ISO 4217 code, e.g. EUR");
const TextSchema = z.string().trim().min(1).max(120);

export const ApprovalLineSchema = z.object({
  name: TextSchema,
  quantity: z.number().int().min(1).max(10_000),
  unitAmountMinor: MinorUnitsSchema,
});

export const CreateApprovalSchema = z
  .object({
    approvalId: ShopIdSchema.meta({
      description: "The shop's own id of this request; a repeat with the same id returns the same approval.",
      example: "appr-2026-000123",
    }),
    customer: z
      .union([z.object({ id: CustomerIdSchema }).strict(), z.object({ email: z.email().max(254) }).strict()])
      .meta({ description: "The customer by portal id, or by e-mail address if that address is verified." }),
    shopOrderId: ShopIdSchema.meta({ example: "B-2026-004711" }),
    amount: z.object({ minor: MinorUnitsSchema, currency: CurrencySchema }).meta({
      description: "The order total in minor units (cents).",
      example: { minor: 124_900, currency: "EUR" },
    }),
    reason: z.enum(APPROVAL_REASONS),
    deliveryAddress: z.array(TextSchema).min(1).max(6).meta({ description: "One entry per printed line." }),
    lines: z.array(ApprovalLineSchema).min(1).max(50),
    expiresAt: z.iso.datetime({ offset: true }).meta({
      description: "Until when the customer may decide (at most 7 days ahead).",
    }),
  })
  .meta({ id: "CreateApproval" });
export type CreateApproval = z.output<typeof CreateApprovalSchema>;

/** What the customer sees and signs; `approvalId` is the portal's id, so no two hash alike. */
export const ShopApprovalDetailsSchema = z.object({
  approvalId: z.string().min(1).max(64),
  shopOrderId: ShopIdSchema,
  reason: z.enum(APPROVAL_REASONS),
  amountMinor: MinorUnitsSchema,
  currency: CurrencySchema,
  deliveryAddress: z.array(TextSchema).min(1).max(6),
  lines: z.array(ApprovalLineSchema).min(1).max(50),
});
export type ShopApprovalDetails = z.output<typeof ShopApprovalDetailsSchema>;

export const ApprovalIdSchema = z.string().regex(/^[a-z0-9]{8,40}$/);

export const ApprovalSchema = z
  .object({
    id: z.string().meta({ description: "The portal's id; GET /api/v1/approvals/{id}." }),
    approvalId: z.string().meta({ description: "The shop's id, as sent." }),
    customerId: z.string(),
    shopOrderId: z.string(),
    status: z.enum(["pending", "approved", "declined", "expired"]),
    detailsHash: z
      .string()
      .meta({ description: "SHA-256 (hex) of the canonical details shown to the customer." }),
    expiresAt: z.string(),
    decidedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: "Approval" });
export type ApprovalAnswer = z.output<typeof ApprovalSchema>;
