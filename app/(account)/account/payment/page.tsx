import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { PlaceholderPage, placeholderMetadata } from "@/components/ui/placeholder-page";

export async function generateMetadata(): Promise<Metadata> {
  return placeholderMetadata("account.payment");
}

export default async function AccountPaymentPage() {
  await requireUser({ returnTo: "/account/payment" });
  return <PlaceholderPage namespace="account.payment" />;
}
