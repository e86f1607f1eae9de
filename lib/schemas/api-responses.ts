/**
 * What /api/v1 answers, as zod schemas: the OpenAPI document is generated from these and from the
 * request schemas (lib/schemas/audience.ts), and the contract test checks real answers against the
 * document (docs/decisions/0046). `.meta({ id })` names a schema in components/schemas.
 */
import { z } from "zod";
import { API_PROBLEM_CODES, API_SCOPES } from "@/lib/config/api";

export const ProblemSchema = z
  .object({
    type: z.string().meta({ description: "URI reference of the problem type (a section of /api/v1/docs)." }),
    title: z.string(),
    status: z.number().int(),
    code: z.enum(API_PROBLEM_CODES),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details." });

export const AudienceMemberSchema = z
  .object({
    id: z.string().meta({ description: "Customer id (use with /customers/{id}/consents)." }),
    email: z.string(),
    firstName: z.string().nullable(),
    language: z.string().meta({ example: "de" }),
    topics: z.array(z.string()).meta({ description: "Confirmed newsletter topics." }),
    phone: z.string().optional().meta({ description: "E.164; only with channel=SMS." }),
  })
  .meta({ id: "AudienceMember" });

export const AudiencePageSchema = z
  .object({
    purpose: z.string(),
    data: z.array(AudienceMemberSchema),
    nextCursor: z
      .string()
      .nullable()
      .meta({ description: "Pass as `cursor` for the next page; null on the last." }),
  })
  .meta({ id: "AudiencePage" });

export const ConsentSchema = z
  .object({
    purpose: z.string(),
    legalBasis: z.enum(["CONSENT", "CONTRACT", "LEGITIMATE_INTEREST", "LEGAL_OBLIGATION"]),
    status: z.enum(["NONE", "GRANTED", "WITHDRAWN", "SUSPENDED"]),
    isCurrent: z.boolean().meta({ description: "Only a current grant allows contact." }),
    version: z.number().int().nullable(),
    latestVersion: z.number().int().nullable(),
  })
  .meta({ id: "Consent" });

export const CustomerConsentsSchema = z
  .object({ customerId: z.string(), data: z.array(ConsentSchema) })
  .meta({ id: "CustomerConsents" });

export const ApiScopeSchema = z.enum(API_SCOPES).meta({ id: "ApiScope" });
