import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { SectionPlaceholder, sectionMetadata } from "../section-placeholder";

export async function generateMetadata(): Promise<Metadata> {
  return sectionMetadata("profile");
}

export default async function AccountProfilePage() {
  await requireUser({ returnTo: "/account/profile" });
  return <SectionPlaceholder section="profile" />;
}
