import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/session";
import { StaffPlaceholder, staffMetadata } from "../staff-placeholder";

export async function generateMetadata(): Promise<Metadata> {
  return staffMetadata("support");
}

export default async function SupportPage() {
  await requireRole(["SUPPORT", "ADMIN"], { returnTo: "/support" });
  return <StaffPlaceholder area="support" />;
}
