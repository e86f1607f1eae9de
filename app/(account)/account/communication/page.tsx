import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { PlaceholderPage, placeholderMetadata } from "@/components/ui/placeholder-page";

export async function generateMetadata(): Promise<Metadata> {
  return placeholderMetadata("account.communication");
}

export default async function AccountCommunicationPage() {
  await requireUser({ returnTo: "/account/communication" });
  return <PlaceholderPage namespace="account.communication" />;
}
