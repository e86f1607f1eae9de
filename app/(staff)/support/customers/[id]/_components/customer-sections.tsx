import { getFormatter, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { DATE_TIME_SHORT } from "@/lib/i18n/formats";
import { formatCustomerNumber } from "@/lib/schemas/customer-number";
import type { CustomerFile } from "@/lib/server/support/customer-file";

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[12rem_1fr]">
      {rows.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="font-medium text-slate-700">{term}</dt>
          <dd className="mb-2 break-words sm:mb-0">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The customer's file, read-only (decision 0042): nothing here can be edited or revealed. */
export async function CustomerSections({ file }: { file: CustomerFile }) {
  const [t, tPrivacy, tMethods, format] = await Promise.all([
    getTranslations("staff.support.customer"),
    getTranslations("account.privacy.status"),
    getTranslations("account.security.methods"),
    getFormatter(),
  ]);
  const none = <span className="text-slate-600">{t("none")}</span>;
  const method = (m: CustomerFile["signInMethods"][number]) =>
    m.startsWith("SOCIAL:")
      ? t("socialMethod", { provider: m.slice(7) })
      : m === "RECOVERY_CODES"
        ? tMethods("RECOVERY_CODE")
        : tMethods(m as "PASSWORD" | "PASSKEY" | "TOTP");
  return (
    <div className="flex flex-col gap-6">
      <Card title={t("profileTitle")}>
        <Facts
          rows={[
            [t("customerNumber"), file.customerNumber ? formatCustomerNumber(file.customerNumber) : none],
            [t("email"), `${file.email} · ${file.emailVerified ? t("verified") : t("unverified")}`],
            [t("name"), file.name ?? none],
            [t("dateOfBirth"), file.dateOfBirth ?? none],
            [t("phone"), file.phoneMasked ?? none],
            [t("status"), file.locked ? t("locked", { reason: file.locked.reason ?? "" }) : t("active")],
            [t("createdAt"), format.dateTime(file.createdAt, DATE_TIME_SHORT)],
            [t("lastSignIn"), file.lastSignInAt ? format.dateTime(file.lastSignInAt, DATE_TIME_SHORT) : none],
            [
              t("signInMethods"),
              file.signInMethods.length ? file.signInMethods.map(method).join(", ") : none,
            ],
          ]}
        />
      </Card>
      <Card title={t("addressesTitle")}>
        {file.addresses.length === 0 ? (
          none
        ) : (
          <ul className="flex flex-col gap-2">
            {file.addresses.map((a) => (
              <li key={a.id}>
                {[
                  a.recipientName,
                  [a.street, a.houseNumber].filter(Boolean).join(" "),
                  `${a.postalCode} ${a.city}`,
                  a.country,
                ]
                  .filter(Boolean)
                  .join(", ")}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title={t("bankTitle")} description={t("bankHint")}>
        {file.bankAccounts.length === 0 ? (
          none
        ) : (
          <ul className="flex flex-col gap-2">
            {file.bankAccounts.map((b) => (
              <li key={b.id}>
                <span className="font-mono">{b.ibanMasked}</span> · {b.holderName}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title={t("consentsTitle")}>
        {file.consents.length === 0 ? (
          none
        ) : (
          <ul className="flex flex-col gap-2">
            {file.consents.map((c) => (
              <li key={c.key}>
                {c.title}: {tPrivacy(c.status as "NONE" | "GRANTED" | "WITHDRAWN" | "SUSPENDED")}
                {" · "}
                {t("consentVersion", { version: c.version ?? "–", latest: c.latestVersion })}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title={t("communicationTitle")}>
        <Facts
          rows={[
            [
              t("channels"),
              [
                file.communication.email && "E-Mail",
                file.communication.push && "Push",
                file.communication.sms && "SMS",
              ]
                .filter(Boolean)
                .join(", ") || t("none"),
            ],
            [
              t("topics"),
              file.communication.topics
                .filter((tp) => tp.status === "ACTIVE")
                .map((tp) => tp.key)
                .join(", ") || t("none"),
            ],
          ]}
        />
      </Card>
      <Card title={t("devicesTitle")}>
        <h3 className="font-medium">{t("sessions", { count: file.sessions.length })}</h3>
        <ul className="mb-4 flex flex-col gap-1 text-sm">
          {file.sessions.map((s) => (
            <li key={s.id}>
              {s.device ?? t("unknownDevice")} · {s.country ?? "–"} ·{" "}
              {format.dateTime(s.lastSeenAt, DATE_TIME_SHORT)}
            </li>
          ))}
        </ul>
        <h3 className="font-medium">{t("devices")}</h3>
        <ul className="flex flex-col gap-1 text-sm">
          {file.devices.map((d) => (
            <li key={d.id}>
              {d.label} · {d.lastCountry ?? "–"} · {format.dateTime(d.lastSeenAt, DATE_TIME_SHORT)}
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
