import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { PlaceholderPage, placeholderMetadata } from "@/components/ui/placeholder-page";

export async function generateMetadata(): Promise<Metadata> {
  return placeholderMetadata("account.addresses");
}

export default async function AccountAddressesPage() {
  await requireUser({ returnTo: "/account/addresses" });
  return <PlaceholderPage namespace="account.addresses" />;
}
