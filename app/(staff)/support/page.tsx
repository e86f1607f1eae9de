import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/session";
import { PlaceholderPage, placeholderMetadata } from "@/components/ui/placeholder-page";

export async function generateMetadata(): Promise<Metadata> {
  return placeholderMetadata("staff.support");
}

export default async function SupportPage() {
  await requireRole(["SUPPORT", "ADMIN"], { returnTo: "/support" });
  return <PlaceholderPage namespace="staff.support" />;
}
