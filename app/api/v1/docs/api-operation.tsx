import { getTranslations } from "next-intl/server";

type Schema = { type?: string | string[]; enum?: unknown[]; $ref?: string; description?: string };
type Parameter = { name: string; in: string; required?: boolean; description?: string; schema?: Schema };
export type Operation = {
  operationId?: string;
  summary?: string;
  description?: string;
  "x-scope"?: string;
  parameters?: Parameter[];
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: Schema }> }>;
};

function typeOf(schema: Schema | undefined): string {
  if (!schema) return "";
  if (schema.enum) return schema.enum.map(String).join(" | ");
  if (schema.$ref) return schema.$ref.split("/").at(-1) ?? "";
  return Array.isArray(schema.type) ? schema.type.join(" | ") : (schema.type ?? "");
}

/** One operation of the reference: method, path, scope, parameters and answers. */
export async function ApiOperation({
  path,
  method,
  operation,
}: {
  path: string;
  method: string;
  operation: Operation;
}) {
  const t = await getTranslations("apiDocs");
  const id = operation.operationId ?? `${method}-${path}`;
  return (
    <article aria-labelledby={id} className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <h3 id={id} className="font-mono text-lg font-semibold break-all">
        {method.toUpperCase()} {path}
      </h3>
      {operation.summary ? <p className="mt-1 font-medium">{operation.summary}</p> : null}
      {operation.description ? <p className="mt-2 text-slate-700">{operation.description}</p> : null}
      {operation["x-scope"] ? (
        <p className="mt-2 text-sm">
          {t("scope")} <code className="rounded bg-slate-100 px-1">{operation["x-scope"]}</code>
        </p>
      ) : null}
      {operation.parameters?.length ? (
        <div role="region" aria-label={t("parameters")} tabIndex={0} className="mt-4 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="text-left font-semibold">{t("parameters")}</caption>
            <thead>
              <tr>
                <th scope="col" className="py-1 pr-3">
                  {t("name")}
                </th>
                <th scope="col" className="py-1 pr-3">
                  {t("in")}
                </th>
                <th scope="col" className="py-1 pr-3">
                  {t("type")}
                </th>
                <th scope="col" className="py-1">
                  {t("meaning")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {operation.parameters.map((p) => (
                <tr key={`${p.in}-${p.name}`}>
                  <th scope="row" className="py-1 pr-3 font-mono font-normal break-all">
                    {p.name}
                    {p.required ? " *" : ""}
                  </th>
                  <td className="py-1 pr-3">{p.in}</td>
                  <td className="py-1 pr-3 font-mono break-all">{typeOf(p.schema)}</td>
                  <td className="py-1">{p.description ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <h4 className="mt-4 text-sm font-semibold">{t("responses")}</h4>
      <ul className="mt-1 flex flex-col gap-1 text-sm">
        {Object.entries(operation.responses ?? {}).map(([status, response]) => (
          <li key={status}>
            <span className="font-mono font-semibold">{status}</span> {response.description}{" "}
            {Object.entries(response.content ?? {}).map(([type, media]) => (
              <span key={type} className="font-mono text-slate-600">
                ({type}: {typeOf(media.schema)})
              </span>
            ))}
          </li>
        ))}
      </ul>
    </article>
  );
}
