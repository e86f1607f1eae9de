import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { SectionPlaceholder, sectionMetadata } from "../section-placeholder";

export async function generateMetadata(): Promise<Metadata> {
  return sectionMetadata("addresses");
}

export default async function AccountAddressesPage() {
  await requireUser({ returnTo: "/account/addresses" });
  return <SectionPlaceholder section="addresses" />;
}
