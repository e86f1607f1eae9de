import { getTranslations } from "next-intl/server";
import { buttonClassName } from "@/components/ui/button";
import { COMMUNICATION_CHANNELS, NEWSLETTER_TOPICS } from "@/lib/config/newsletter-topics";
import type { AudienceFilter } from "@/lib/schemas/audience";

const selectClass =
  "mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base text-slate-900";

/**
 * The audience filters as a plain GET form: the URL holds the state, so a filtered audience is a
 * link, works without JavaScript, and the CSV export and the next page carry the same filter.
 */
export async function AudienceFilters({
  purposes,
  purposeKey,
  filter,
}: {
  purposes: { key: string; title: string }[];
  purposeKey: string;
  filter: AudienceFilter;
}) {
  const t = await getTranslations("staff.marketing.filters");
  const tTopics = await getTranslations("newsletter.topics");
  return (
    <form method="get" action="/marketing" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
      <div className="text-sm">
        <label htmlFor="audience-purpose" className="font-medium text-slate-900">
          {t("purpose")}
        </label>
        <select id="audience-purpose" name="purpose" defaultValue={purposeKey} className={selectClass}>
          {purposes.map((p) => (
            <option key={p.key} value={p.key}>
              {p.title}
            </option>
          ))}
        </select>
      </div>
      <div className="text-sm">
        <label htmlFor="audience-channel" className="font-medium text-slate-900">
          {t("channel")}
        </label>
        <select
          id="audience-channel"
          name="channel"
          defaultValue={filter.channel ?? ""}
          className={selectClass}
        >
          <option value="">{t("any")}</option>
          {COMMUNICATION_CHANNELS.map((c) => (
            <option key={c} value={c}>
              {t(`channels.${c}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="text-sm">
        <label htmlFor="audience-language" className="font-medium text-slate-900">
          {t("language")}
        </label>
        <select
          id="audience-language"
          name="language"
          defaultValue={filter.language ?? ""}
          className={selectClass}
        >
          <option value="">{t("any")}</option>
          <option value="de">{t("languages.de")}</option>
          <option value="en">{t("languages.en")}</option>
        </select>
      </div>
      <fieldset className="text-sm">
        <legend className="font-medium text-slate-900">{t("topics")}</legend>
        {NEWSLETTER_TOPICS.map((topic) => (
          <label key={topic} className="mt-1 flex items-center gap-2">
            <input
              type="checkbox"
              name="topics"
              value={topic}
              defaultChecked={filter.topics?.includes(topic)}
              className="size-5 accent-brand-700"
            />
            {tTopics(topic)}
          </label>
        ))}
      </fieldset>
      <div className="sm:col-span-2 lg:col-span-4">
        <button type="submit" className={buttonClassName()}>
          {t("submit")}
        </button>
      </div>
    </form>
  );
}
