import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/session";
import { StaffPlaceholder, staffMetadata } from "../staff-placeholder";

export async function generateMetadata(): Promise<Metadata> {
  return staffMetadata("marketing");
}

export default async function MarketingPage() {
  await requireRole(["MARKETING", "ADMIN"], { returnTo: "/marketing" });
  return <StaffPlaceholder area="marketing" />;
}
