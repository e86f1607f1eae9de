import { z } from "zod";
import { locales } from "@/lib/i18n/config";
import { toSafeRelativePath } from "@/lib/http/safe-path";

export const SetLocaleSchema = z.object({
  locale: z.enum(locales),
  // An unsafe or missing return path is not the visitor's fault: fall back to the home page.
  returnTo: z
    .string()
    .transform((value) => toSafeRelativePath(value, "/"))
    .catch("/"),
});

export type SetLocale = z.infer<typeof SetLocaleSchema>;
