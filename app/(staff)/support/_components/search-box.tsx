"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { SelectField } from "@/components/forms/select-field";
import { TextField } from "@/components/forms/text-field";
import { Button } from "@/components/ui/button";
import { SUPPORT_SEARCH_FIELDS, type SupportSearchField } from "@/lib/schemas/support";

const DEBOUNCE_MS = 300;

/**
 * The search box: a plain GET form (works without JavaScript), which with JavaScript searches as
 * the agent types, once they pause for DEBOUNCE_MS, so a fast typist sends one query, not ten.
 */
export function SearchBox({ by: initialBy, q: initialQ }: { by: SupportSearchField; q: string }) {
  const t = useTranslations("staff.support.search");
  const router = useRouter();
  const [by, setBy] = useState(initialBy);
  const [q, setQ] = useState(initialQ);
  const first = useRef(true);

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const timer = setTimeout(() => {
      const params = new URLSearchParams({ by, q: q.trim() });
      router.replace(`/support?${params.toString()}`, { scroll: false });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [by, q, router]);

  return (
    <form
      method="get"
      action="/support"
      role="search"
      className="flex flex-col gap-4 sm:flex-row sm:items-end"
    >
      <SelectField
        label={t("by")}
        name="by"
        value={by}
        placeholder={false}
        onChange={(e) => setBy(e.target.value as SupportSearchField)}
        options={SUPPORT_SEARCH_FIELDS.map((f) => ({ value: f, label: t(`fields.${f}`) }))}
      />
      <TextField
        label={t("query")}
        name="q"
        type="search"
        autoComplete="off"
        hint={t(`hints.${by}`)}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        className="grow"
      />
      <Button type="submit">{t("submit")}</Button>
    </form>
  );
}
