/**
 * Profile completeness for the account overview: the attributes the profile schema counts
 * (lib/config/profiling.ts, filled by its own rule, so answering a profiling question moves this)
 * plus having an address, in the order the overview suggests them as the next step. Pure, so it is
 * unit-tested as a table.
 */
import { COMPLETENESS_ATTRIBUTE_KEYS, profilingAttribute, type ProfileFacts } from "@/lib/config/profiling";

export const COMPLETENESS_ITEMS = [...COMPLETENESS_ATTRIBUTE_KEYS, "address"] as const;
export type CompletenessItem = (typeof COMPLETENESS_ITEMS)[number];

export type CompletenessInput = {
  firstName: string | null;
  lastName: string | null;
  dateOfBirth: string | null;
  phoneE164: string | null;
  addressCount: number;
};

export type Completeness = {
  /** 0–100, rounded. */
  percent: number;
  items: { item: CompletenessItem; isDone: boolean }[];
  /** The first missing item, or null when everything is there. */
  nextStep: CompletenessItem | null;
};

export function computeCompleteness(input: CompletenessInput): Completeness {
  const facts: ProfileFacts = { ...input, attributes: {} };
  const items = COMPLETENESS_ITEMS.map((item) => ({
    item,
    isDone: item === "address" ? input.addressCount > 0 : profilingAttribute(item).isFilled(facts),
  }));
  const done = items.filter((i) => i.isDone).length;
  return {
    percent: Math.round((done / items.length) * 100),
    items,
    nextStep: items.find((i) => !i.isDone)?.item ?? null,
  };
}
