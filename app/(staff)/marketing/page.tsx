import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/session";
import { PlaceholderPage, placeholderMetadata } from "@/components/ui/placeholder-page";

export async function generateMetadata(): Promise<Metadata> {
  return placeholderMetadata("staff.marketing");
}

export default async function MarketingPage() {
  await requireRole(["MARKETING", "ADMIN"], { returnTo: "/marketing" });
  return <PlaceholderPage namespace="staff.marketing" />;
}
