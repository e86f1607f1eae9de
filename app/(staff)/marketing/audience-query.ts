/**
 * The console's URL is its state: purpose, filters and cursor as query parameters, parsed with the
 * API's own schema, so the console, the CSV link and the API read one filter the same way.
 */
import { AudiencePageQuerySchema, PurposeKeySchema } from "@/lib/schemas/audience";

export type ConsoleSearch = Record<string, string | string[] | undefined>;

export const CONSOLE_PAGE_SIZE = 50;

/** Repeated parameters (several topic boxes ticked) arrive as arrays: joined as the schema expects. */
function flat(search: ConsoleSearch): Record<string, string> {
  return Object.fromEntries(
    Object.entries(search)
      .filter((entry): entry is [string, string | string[]] => entry[1] !== undefined)
      .map(([k, v]) => [k, Array.isArray(v) ? v.join(",") : v]),
  );
}

export function parseConsoleSearch(search: ConsoleSearch, fallbackPurpose: string) {
  const values = flat(search);
  const purpose = PurposeKeySchema.safeParse(values.purpose);
  const query = AudiencePageQuerySchema.safeParse({ ...values, limit: String(CONSOLE_PAGE_SIZE) });
  const { cursor, limit, ...filter } = query.success
    ? query.data
    : { cursor: undefined, limit: CONSOLE_PAGE_SIZE };
  return {
    purposeKey: purpose.success ? purpose.data : fallbackPurpose,
    filter: query.success ? filter : {},
    cursor,
    limit,
    invalid: !query.success,
  };
}

/** The query string of a filter (for the CSV link and the next page). */
export function filterQuery(
  purposeKey: string,
  filter: { topics?: string[]; channel?: string; language?: string },
  extra: Record<string, string> = {},
): string {
  const params = new URLSearchParams({ purpose: purposeKey });
  if (filter.topics?.length) params.set("topics", filter.topics.join(","));
  if (filter.channel) params.set("channel", filter.channel);
  if (filter.language) params.set("language", filter.language);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params.toString();
}
