import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Notice, type NoticeTone } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";

/**
 * How a mailed sign-in link ended ("Das war ich", "Das war ich nicht", unlock): done, refused
 * kindly (used, expired, forged) or throttled, always with the way back to signing in.
 */
export async function LinkOutcome(props: {
  title: string;
  tone: NoticeTone;
  heading?: string;
  text: string;
  children?: ReactNode;
}) {
  const t = await getTranslations("signInLinks");
  return (
    <>
      <PageHeader title={props.title} />
      <Card>
        <Notice tone={props.tone} title={props.heading}>
          {props.text}
        </Notice>
        {props.children}
        <Button href="/login" variant="secondary" className="mt-6">
          {t("toLogin")}
        </Button>
      </Card>
    </>
  );
}

export type LinkPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The token and the outcome a link page was sent back with (its action redirects with ?status=). */
export async function readLinkParams(props: LinkPageProps) {
  const { token, status } = await props.searchParams;
  return {
    token: typeof token === "string" ? token : null,
    status: typeof status === "string" ? status : null,
  };
}
