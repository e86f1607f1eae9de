import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { SectionPlaceholder, sectionMetadata } from "../section-placeholder";

export async function generateMetadata(): Promise<Metadata> {
  return sectionMetadata("communication");
}

export default async function AccountCommunicationPage() {
  await requireUser({ returnTo: "/account/communication" });
  return <SectionPlaceholder section="communication" />;
}
