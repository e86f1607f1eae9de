"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { idempotentAction } from "@/lib/auth/action-pipeline";
import { currentActor } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/session";
import { actionFailure, validationFailed, type ActionResult } from "@/lib/errors";
import {
  AddressIdSchema,
  AddressSchema,
  MAX_ADDRESSES,
  SetDefaultAddressSchema,
  type AddressInput,
} from "@/lib/schemas/address";
import {
  createAddress,
  deleteAddress,
  setDefaultAddress,
  updateAddress,
} from "@/lib/server/addresses/manage-addresses";
import { passOverAreaQuestion } from "@/lib/server/profiling/pass-over";

const ADDRESSES = "/account/addresses";

/**
 * A saved change means the customer did what they came for: the address book's question (the
 * phone) they passed over stays away like "Nicht jetzt" instead of greeting every return to the
 * list (issue 15 item 11, docs/decisions/0069).
 */
async function passedOver(userId: string): Promise<void> {
  await passOverAreaQuestion({ userId, area: ADDRESSES });
}

/** Where every address action ends: back on the list, its outcome told there (decision 0054). */
function done(notice: string): never {
  revalidatePath(ADDRESSES);
  revalidatePath("/account");
  redirect(`${ADDRESSES}?notice=${notice}`);
}

/**
 * Idempotent by the form's key (decision 0072): a save whose answer was cut off and is sent again
 * creates one address, not two.
 */
export const createAddressAction = idempotentAction(
  "createAddressAction",
  async (input: AddressInput): Promise<ActionResult<never>> => {
    const actor = await currentActor(await requireUser({ returnTo: `${ADDRESSES}/new` }));
    const parsed = AddressSchema.safeParse(input);
    if (!parsed.success) return validationFailed(parsed.error);
    const result = await createAddress({ actor, address: parsed.data });
    if (!result.ok)
      return actionFailure("VALIDATION_FAILED", {
        message: "account.addresses.limitReached",
        values: { max: MAX_ADDRESSES },
      });
    await passedOver(actor.userId);
    done("created");
  },
);

export const updateAddressAction = idempotentAction(
  "updateAddressAction",
  async (addressId: string, input: AddressInput): Promise<ActionResult<never>> => {
    const actor = await currentActor(await requireUser({ returnTo: ADDRESSES }));
    const id = AddressIdSchema.safeParse({ addressId });
    if (!id.success) return actionFailure("NOT_FOUND");
    const parsed = AddressSchema.safeParse(input);
    if (!parsed.success) return validationFailed(parsed.error);
    const result = await updateAddress({ actor, addressId: id.data.addressId, address: parsed.data });
    if (!result.ok) return actionFailure("NOT_FOUND");
    await passedOver(actor.userId);
    done("updated");
  },
);

/** Posted by the confirmation dialog's plain form. */
export async function deleteAddressAction(formData: FormData): Promise<void> {
  const actor = await currentActor(await requireUser({ returnTo: ADDRESSES }));
  const parsed = AddressIdSchema.safeParse({ addressId: formData.get("addressId") });
  const deleted = parsed.success && (await deleteAddress({ actor, addressId: parsed.data.addressId }));
  if (deleted) await passedOver(actor.userId);
  done(deleted ? "deleted" : "not-found");
}

/** Posted by the "Als Liefer-/Rechnungsadresse festlegen" buttons, so it works without JavaScript. */
export async function setDefaultAddressAction(formData: FormData): Promise<void> {
  const actor = await currentActor(await requireUser({ returnTo: ADDRESSES }));
  const parsed = SetDefaultAddressSchema.safeParse({
    addressId: formData.get("addressId"),
    kind: formData.get("kind"),
  });
  if (!parsed.success) done("not-found");
  const result = await setDefaultAddress({ actor, ...parsed.data });
  if (result.ok) {
    await passedOver(actor.userId);
    done(parsed.data.kind === "shipping" ? "default-shipping" : "default-billing");
  }
  done(result.code === "NOT_FOUND" ? "not-found" : "billing-needs-street");
}
