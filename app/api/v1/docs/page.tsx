import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { getEnv } from "@/lib/env";
import { API_PROBLEMS, type ApiProblemCode } from "@/lib/server/api/problem";
import { openApiDocument } from "@/lib/server/api/openapi/document";
import { ApiOperation, type Operation } from "./api-operation";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("apiDocs");
  return { title: t("title") };
}

/**
 * /api/v1/docs: the API reference, rendered by the portal itself from the same OpenAPI document as
 * /api/v1/openapi.json (no third-party viewer, no CDN). Public, like the document.
 */
export default async function ApiDocsPage() {
  const t = await getTranslations("apiDocs");
  const document = openApiDocument(getEnv().appUrl);
  const operations = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    (["get", "post", "put", "patch", "delete"] as const)
      .filter((method) => item[method])
      .map((method) => ({ path, method, operation: item[method] as Operation })),
  );
  const codes = Object.keys(API_PROBLEMS) as ApiProblemCode[];
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="flex max-w-4xl flex-col gap-8">
        <section aria-labelledby="basics-title" className="flex flex-col gap-2">
          <h2 id="basics-title" className="text-xl font-semibold">
            {t("basicsTitle")}
          </h2>
          <p>{t("auth")}</p>
          <pre className="rounded-md bg-slate-100 p-3 text-sm break-all whitespace-pre-wrap">
            {`curl -H "Authorization: Bearer kp_…" ${document.servers?.[0]?.url ?? ""}/api/v1/audiences/marketing_email`}
          </pre>
          <p>{t("rateLimit")}</p>
          <p>{t("paging")}</p>
          <p>
            {t("document")}{" "}
            <a href="/api/v1/openapi.json" className="text-brand-700 underline">
              /api/v1/openapi.json
            </a>
          </p>
        </section>
        <section aria-labelledby="operations-title" className="flex flex-col gap-6">
          <h2 id="operations-title" className="text-xl font-semibold">
            {t("operationsTitle")}
          </h2>
          {operations.map(({ path, method, operation }) => (
            <ApiOperation key={`${method} ${path}`} path={path} method={method} operation={operation} />
          ))}
        </section>
        <section aria-labelledby="problems-title" className="flex flex-col gap-3">
          <h2 id="problems-title" className="text-xl font-semibold">
            {t("problemsTitle")}
          </h2>
          <p>{t("problems")}</p>
          <dl className="flex flex-col gap-3">
            {codes.map((code) => (
              <div key={code} id={`problem-${code.toLowerCase()}`} className="scroll-mt-4">
                <dt className="font-mono font-semibold">
                  {API_PROBLEMS[code].status} {code}
                </dt>
                <dd className="text-slate-700">{t(`problemCodes.${code}`)}</dd>
              </div>
            ))}
          </dl>
        </section>
      </div>
    </>
  );
}
