import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { SectionPlaceholder, sectionMetadata } from "../section-placeholder";

export async function generateMetadata(): Promise<Metadata> {
  return sectionMetadata("payment");
}

export default async function AccountPaymentPage() {
  await requireUser({ returnTo: "/account/payment" });
  return <SectionPlaceholder section="payment" />;
}
