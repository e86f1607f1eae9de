import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { PlaceholderPage, placeholderMetadata } from "@/components/ui/placeholder-page";

export async function generateMetadata(): Promise<Metadata> {
  return placeholderMetadata("account.profile");
}

export default async function AccountProfilePage() {
  await requireUser({ returnTo: "/account/profile" });
  return <PlaceholderPage namespace="account.profile" />;
}
