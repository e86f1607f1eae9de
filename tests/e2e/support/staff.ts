/** Staff members for E2E specs: a role, the second factor every console wants (decision 0040). */
import { createCustomer, e2eDb, giveSecondFactor } from "./users";

export async function createStaff(role: "SUPPORT" | "MARKETING" | "ADMIN") {
  const staff = await createCustomer();
  // Staff accounts are separate from customer accounts (decision 0041): the role replaces CUSTOMER.
  await e2eDb().userRole.deleteMany({ where: { userId: staff.id } });
  await e2eDb().userRole.create({ data: { userId: staff.id, role } });
  await giveSecondFactor(staff.id);
  return staff;
}
