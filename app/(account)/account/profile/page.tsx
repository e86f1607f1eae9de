import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { FlashToast } from "@/components/ui/flash-toast";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { formatCustomerNumber } from "@/lib/schemas/customer-number";
import { formatPhoneForDisplay } from "@/lib/schemas/phone";
import { getProfile } from "@/lib/server/profile/profile";
import { ProfileForm } from "./profile-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("account.profile");
  return { title: t("title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AccountProfilePage({ searchParams }: Props) {
  const user = await requireUser({ returnTo: "/account/profile" });
  const [t, profile, { notice }] = await Promise.all([
    getTranslations("account.profile"),
    getProfile(user.id),
    searchParams,
  ]);

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {/* ?notice=saved: the profile action's redirect after a change of language. */}
      <FlashToast
        params={["notice"]}
        flash={notice === "saved" ? { tone: "success", message: t("saved") } : null}
      />
      {profile.customerNumber ? (
        <Card title={t("customerNumber")} description={t("customerNumberHint")} className="mb-6">
          <p className="font-mono text-lg" data-testid="customer-number">
            {formatCustomerNumber(profile.customerNumber)}
          </p>
        </Card>
      ) : null}
      <Card title={t("formTitle")} description={t("formDescription")}>
        <ProfileForm
          defaultValues={{
            firstName: profile.firstName ?? "",
            lastName: profile.lastName ?? "",
            dateOfBirth: profile.dateOfBirth ?? "",
            phone: formatPhoneForDisplay(profile.phoneE164),
            locale: profile.locale,
          }}
        />
      </Card>
    </>
  );
}
