import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/session";
import { PlaceholderPage, placeholderMetadata } from "@/components/ui/placeholder-page";

export async function generateMetadata(): Promise<Metadata> {
  return placeholderMetadata("staff.admin");
}

export default async function AdminPage() {
  await requireRole(["ADMIN"], { returnTo: "/admin" });
  return <PlaceholderPage namespace="staff.admin" />;
}
