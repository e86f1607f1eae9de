import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/permissions";
import { PlaceholderPage, placeholderMetadata } from "@/components/ui/placeholder-page";

export async function generateMetadata(): Promise<Metadata> {
  return placeholderMetadata("staff.marketing");
}

export default async function MarketingPage() {
  await requirePermission("audiences:read", { returnTo: "/marketing" });
  return <PlaceholderPage namespace="staff.marketing" />;
}
