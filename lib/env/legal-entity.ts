/**
 * The operator: one legal entity, named on the imprint, as the creditor of SEPA mandates and as the
 * sender of every mail (docs/decisions/0065). Unset, the portal runs with the demo operator's
 * placeholders, and the imprint says so.
 */
import { z } from "zod";
import type { EnvIssue } from "./env-types";

export type LegalEntity = {
  name: string;
  street: string;
  postalCodeAndCity: string;
  /** ISO 3166-1 alpha-2; shown in the reader's language. */
  country: string;
  representative: string;
  phone: string;
  email: string;
  register: string;
  vatId: string;
  /** True while LEGAL_NAME is not set: the values are placeholders. */
  isDemo: boolean;
};

const DEMO: Omit<LegalEntity, "isDemo"> = {
  name: "Beispiel Handels GmbH",
  street: "Musterstraße 1",
  postalCodeAndCity: "12345 Musterstadt",
  country: "DE",
  representative: "Erika Mustermann",
  phone: "+49 30 0000000",
  email: "kontakt@example.com",
  register: "Amtsgericht Musterstadt, HRB 00000",
  vatId: "DE000000000",
};

const text = (max: number) =>
  z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);
const unsetIfEmpty = (schema: z.ZodType<string>) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

export const LegalEntityEnv = {
  // 70: the name field of a SEPA mandate, which names the same entity.
  LEGAL_NAME: unsetIfEmpty(text(70)),
  LEGAL_STREET: unsetIfEmpty(text(200)),
  LEGAL_POSTAL_CITY: unsetIfEmpty(text(200)),
  LEGAL_COUNTRY: unsetIfEmpty(z.string().regex(/^[A-Z]{2}$/, "must be a two-letter country code, e.g. DE")),
  LEGAL_REPRESENTATIVE: unsetIfEmpty(text(200)),
  LEGAL_PHONE: unsetIfEmpty(text(50)),
  LEGAL_EMAIL: unsetIfEmpty(z.email("must be an e-mail address")),
  LEGAL_REGISTER: unsetIfEmpty(text(200)),
  LEGAL_VAT_ID: unsetIfEmpty(text(50)),
};

type LegalEnvValues = { [K in keyof typeof LegalEntityEnv]?: string };

/** The entity from the LEGAL_* variables; with LEGAL_NAME set, the others must be set too. */
export function parseLegalEntity(v: LegalEnvValues, issues: EnvIssue[]): LegalEntity {
  if (!v.LEGAL_NAME) return { ...DEMO, isDemo: true };
  const required = {
    LEGAL_STREET: v.LEGAL_STREET,
    LEGAL_POSTAL_CITY: v.LEGAL_POSTAL_CITY,
    LEGAL_REPRESENTATIVE: v.LEGAL_REPRESENTATIVE,
    LEGAL_EMAIL: v.LEGAL_EMAIL,
  };
  for (const [variable, value] of Object.entries(required))
    if (!value)
      issues.push({ variable, message: "is required when LEGAL_NAME is set (the imprint needs it)" });
  return {
    name: v.LEGAL_NAME,
    street: v.LEGAL_STREET ?? "",
    postalCodeAndCity: v.LEGAL_POSTAL_CITY ?? "",
    country: v.LEGAL_COUNTRY ?? "DE",
    representative: v.LEGAL_REPRESENTATIVE ?? "",
    phone: v.LEGAL_PHONE ?? "",
    email: v.LEGAL_EMAIL ?? "",
    register: v.LEGAL_REGISTER ?? "",
    vatId: v.LEGAL_VAT_ID ?? "",
    isDemo: false,
  };
}

/** The one line under every mail that names the sender (name, address, register). */
export function legalEntityLine(entity: LegalEntity): string {
  return [entity.name, entity.street, entity.postalCodeAndCity, entity.register].filter(Boolean).join(" · ");
}
