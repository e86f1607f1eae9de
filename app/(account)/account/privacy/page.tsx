import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { SectionPlaceholder, sectionMetadata } from "../section-placeholder";

export async function generateMetadata(): Promise<Metadata> {
  return sectionMetadata("privacy");
}

export default async function AccountPrivacyPage() {
  await requireUser({ returnTo: "/account/privacy" });
  return <SectionPlaceholder section="privacy" />;
}
