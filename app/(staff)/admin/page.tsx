import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/session";
import { StaffPlaceholder, staffMetadata } from "../staff-placeholder";

export async function generateMetadata(): Promise<Metadata> {
  return staffMetadata("admin");
}

export default async function AdminPage() {
  await requireRole(["ADMIN"], { returnTo: "/admin" });
  return <StaffPlaceholder area="admin" />;
}
