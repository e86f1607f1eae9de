import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { DATE_TIME_SHORT } from "@/lib/i18n/formats";
import { getCommunicationSettings } from "@/lib/server/communication/preferences";
import { getServiceNoticeSettings } from "@/lib/server/communication/service-notices";
import { phoneStatus } from "@/lib/server/profile/phone-verification";
import { CommunicationForm, type TopicOption } from "./communication-form";
import { PhoneVerification } from "./phone-verification";
import { PushDevices } from "./push-devices";
import { ResendConfirmation } from "./resend-confirmation";
import { ServiceNoticesForm } from "./service-notices-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("account.communication");
  return { title: t("title") };
}

export default async function AccountCommunicationPage() {
  const user = await requireUser({ returnTo: "/account/communication" });
  const [t, format, settings, phone, serviceNotices] = await Promise.all([
    getTranslations("account.communication"),
    getFormatter(),
    getCommunicationSettings(user.id),
    phoneStatus(user.id),
    getServiceNoticeSettings(user.id),
  ]);
  const topics: TopicOption[] = settings.topics.map((topic) => ({
    key: topic.key,
    status:
      topic.status === "ACTIVE" && topic.confirmedAt
        ? t("topicActiveSince", { date: format.dateTime(topic.confirmedAt, DATE_TIME_SHORT) })
        : topic.status === "PENDING_CONFIRMATION"
          ? t("topicPending")
          : null,
  }));
  const isPending = settings.topics.some((topic) => topic.status === "PENDING_CONFIRMATION");

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="flex flex-col gap-6">
        {isPending ? (
          <div>
            <Notice tone="info" title={t("pendingTitle")}>
              {t("pendingText")}
            </Notice>
            <ResendConfirmation />
          </div>
        ) : null}
        <Card title={t("formTitle")} description={t("formDescription")}>
          <CommunicationForm
            defaults={{
              topics: settings.topics
                .filter((topic) => topic.status === "ACTIVE" || topic.status === "PENDING_CONFIRMATION")
                .map((topic) => topic.key),
              email: settings.email,
              push: settings.push,
              sms: settings.sms,
              frequency: settings.frequency,
            }}
            topics={topics}
            phoneVerified={phone.verified}
          />
        </Card>
        <Card title={t("serviceNotices.title")} description={t("serviceNotices.description")}>
          <ServiceNoticesForm defaults={serviceNotices} />
        </Card>
        <PhoneVerification phoneMasked={phone.phoneMasked} verified={phone.verified} />
        <PushDevices />
      </div>
    </>
  );
}
