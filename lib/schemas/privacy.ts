import { z } from "zod";

// Account deletion (docs/decisions/0016): the form and the server action share this schema. The checkbox is the
// explicit "yes, delete" on top of the step-up; the export request has no input.

export const RequestDeletionSchema = z.object({
  confirmed: z
    .boolean({ error: "validation.privacy.deletionConfirmRequired" })
    .refine((value) => value, { error: "validation.privacy.deletionConfirmRequired" }),
});

export type RequestDeletionInput = z.infer<typeof RequestDeletionSchema>;
