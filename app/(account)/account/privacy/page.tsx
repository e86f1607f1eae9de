import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { PlaceholderPage, placeholderMetadata } from "@/components/ui/placeholder-page";

export async function generateMetadata(): Promise<Metadata> {
  return placeholderMetadata("account.privacy");
}

export default async function AccountPrivacyPage() {
  await requireUser({ returnTo: "/account/privacy" });
  return <PlaceholderPage namespace="account.privacy" />;
}
