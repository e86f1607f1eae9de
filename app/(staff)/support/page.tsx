import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/permissions";
import { PlaceholderPage, placeholderMetadata } from "@/components/ui/placeholder-page";

export async function generateMetadata(): Promise<Metadata> {
  return placeholderMetadata("staff.support");
}

export default async function SupportPage() {
  await requirePermission("customers:read", { returnTo: "/support" });
  return <PlaceholderPage namespace="staff.support" />;
}
