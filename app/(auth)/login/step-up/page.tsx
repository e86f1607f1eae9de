import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { CallbackUrlSchema } from "@/lib/schemas/auth";
import { toSafeRelativePath } from "@/lib/http/safe-path";
import { StepUpPage } from "./step-up-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("stepUp");
  return { title: t("pageTitle") };
}

type Props = { searchParams: Promise<{ callbackUrl?: string | string[]; strength?: string | string[] }> };

/**
 * Step-up as a page, for what opens on load rather than through a form (requireRecentAuthForPage,
 * plain form posts): confirm, then back to the page the person came from (same origin only).
 */
export default async function StepUpRoute({ searchParams }: Props) {
  const { callbackUrl, strength } = await searchParams;
  const target = toSafeRelativePath(
    CallbackUrlSchema.parse(typeof callbackUrl === "string" ? callbackUrl : undefined),
    "/account",
  );
  await requireUser({ returnTo: `/login/step-up?callbackUrl=${encodeURIComponent(target)}` });
  const t = await getTranslations("stepUp");
  return (
    <>
      <PageHeader title={t("pageTitle")} description={t("pageIntro")} />
      <Card>
        <StepUpPage callbackUrl={target} strongestOnly={strength === "strongest"} />
      </Card>
    </>
  );
}
