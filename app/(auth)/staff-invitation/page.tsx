import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { describeInvitation } from "@/lib/server/staff/invitations";
import { AcceptInvitationForm } from "./_components/accept-invitation-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("staff.invitation"))("title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * Target of the staff invitation mail (docs/decisions/0041): set the first password. The link is
 * used only on submit; an unusable one says so and points to the administration.
 */
export default async function StaffInvitationPage({ searchParams }: Props) {
  const t = await getTranslations("staff.invitation");
  const { token } = await searchParams;
  const invitation = typeof token === "string" ? await describeInvitation(token) : null;
  return (
    <>
      <PageHeader
        title={t("title")}
        description={invitation ? t("description", { email: invitation.email }) : undefined}
      />
      <Card>
        {invitation && typeof token === "string" ? (
          <AcceptInvitationForm token={token} email={invitation.email} />
        ) : (
          <Notice tone="error">{t("invalidLink")}</Notice>
        )}
      </Card>
    </>
  );
}
