import { useTranslations } from "next-intl";
import type { ValidationKey } from "@/lib/i18n/messages";

const PREFIX = "validation.";

/**
 * Zod schemas and server actions speak in message keys ("validation.email"); this turns such a
 * key into the localised sentence. Unknown keys (e.g. zod's built-in type errors) fall back to a
 * generic "please check your entry" instead of leaking English internals.
 */
export function useValidationMessage(): (message: string | undefined) => string | undefined {
  const t = useTranslations("validation");
  return (message) => {
    if (!message) return undefined;
    const key = (message.startsWith(PREFIX) ? message.slice(PREFIX.length) : message) as ValidationKey;
    return t.has(key) ? t(key) : t("invalid");
  };
}
