import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { SectionPlaceholder, sectionMetadata } from "../section-placeholder";

export async function generateMetadata(): Promise<Metadata> {
  return sectionMetadata("security");
}

export default async function AccountSecurityPage() {
  await requireUser({ returnTo: "/account/security" });
  return <SectionPlaceholder section="security" />;
}
