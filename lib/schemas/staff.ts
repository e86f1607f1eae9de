import { z } from "zod";
import type { ValidationKey } from "@/lib/i18n/messages";
import { EmailSchema, ResetPasswordSchema } from "./auth";

// The staff administration's forms (docs/decisions/0041). Messages are KEYS of `validation`.
const key = (name: ValidationKey) => `validation.${name}` as const;

export const STAFF_ROLE_CHOICES = ["SUPPORT", "MARKETING", "ADMIN"] as const;

export const InviteStaffSchema = z.object({
  email: EmailSchema,
  role: z.enum(STAFF_ROLE_CHOICES, key("staff.roleRequired")),
});
export type InviteStaffInput = z.input<typeof InviteStaffSchema>;

/** The invitation link's token and the first password: the reset form's shape. */
export const AcceptStaffInvitationSchema = ResetPasswordSchema;
export type AcceptStaffInvitationInput = z.input<typeof AcceptStaffInvitationSchema>;
