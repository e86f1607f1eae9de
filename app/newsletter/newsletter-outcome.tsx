import Link from "next/link";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";

/** How a newsletter link ended (confirmed, unsubscribed, or unusable), with the way to the settings. */
export function NewsletterOutcome(props: {
  title: string;
  tone: "success" | "error";
  outcomeTitle: string;
  text: string;
  settingsLabel: string;
}) {
  return (
    <>
      <PageHeader title={props.title} />
      <Card>
        <Notice tone={props.tone} title={props.outcomeTitle}>
          {props.text}
        </Notice>
        <p className="mt-4">
          <Link
            href="/account/communication"
            className="font-medium text-brand-700 underline hover:text-brand-900"
          >
            {props.settingsLabel}
          </Link>
        </p>
      </Card>
    </>
  );
}
