import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { getTermsPage } from "@/lib/server/consent/terms";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("terms"))("title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const linkClass = "text-brand-700 underline hover:text-brand-900";
const DATE = { dateStyle: "long" } as const;

/** `?version=N` for an earlier version; anything else that is not a plain number is no version. */
function requestedVersion(value: string | string[] | undefined): number | undefined | null {
  if (value === undefined) return undefined;
  return typeof value === "string" && /^[1-9]\d{0,5}$/.test(value) ? Number(value) : null;
}

/**
 * The terms of use (PRODUCT.md §3), linked from the sign-up checkbox: the current published version
 * of the purpose `terms` with its full document, and every earlier version a customer may have
 * accepted (docs/decisions/0053). Public, like the privacy notice.
 */
export default async function TermsPage({ searchParams }: Props) {
  const [t, format, locale, params] = await Promise.all([
    getTranslations("terms"),
    getFormatter(),
    getLocale(),
    searchParams,
  ]);
  const version = requestedVersion(params.version);
  const terms = version === null ? null : await getTermsPage(locale === "en" ? "en" : "de", version);
  if (!terms) notFound();
  const dated = (v: { version: number; publishedAt: Date }) => ({
    version: v.version,
    date: format.dateTime(v.publishedAt, DATE),
  });

  return (
    <>
      <PageHeader
        title={t("title")}
        description={t.rich("intro", {
          link: (chunks) => (
            <Link href="/privacy" className={linkClass}>
              {chunks}
            </Link>
          ),
        })}
      />
      <p className="mb-8 text-sm text-slate-700">
        <span className="font-medium text-slate-900">{t("version", dated(terms))}</span>{" "}
        {terms.isCurrent ? (
          t("current")
        ) : (
          <>
            {t("earlier")}{" "}
            <Link href="/terms" className={linkClass}>
              {t("toCurrent")}
            </Link>
          </>
        )}
      </p>
      <div className="flex flex-col gap-8 text-slate-800">
        {terms.document.sections.map((section) => (
          <section key={section.heading}>
            <h2 className="text-lg font-semibold text-slate-900">{section.heading}</h2>
            {section.paragraphs.map((paragraph) => (
              <p key={paragraph} className="mt-2">
                {paragraph}
              </p>
            ))}
          </section>
        ))}
        <section>
          <h2 className="text-lg font-semibold text-slate-900">{t("statementHeading")}</h2>
          <p className="mt-2">{t("statement", { statement: terms.statement })}</p>
        </section>
        <section>
          <h2 className="text-lg font-semibold text-slate-900">{t("versionsHeading")}</h2>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            {terms.versions.map((v) => (
              <li key={v.version}>
                {v.version === terms.version ? (
                  <span aria-current="page">
                    {t("versionLink", dated(v))} {t("reading")}
                  </span>
                ) : (
                  <Link href={`/terms?version=${v.version}`} className={linkClass}>
                    {t("versionLink", dated(v))}
                  </Link>
                )}
              </li>
            ))}
          </ul>
        </section>
      </div>
    </>
  );
}
