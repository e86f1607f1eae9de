/**
 * The answers a profiling question accepts (shared by the card and the action), and that the
 * overview's completeness counts exactly the attributes the profile schema marks for it.
 */
import { describe, expect, it } from "vitest";
import { PROFILING_ATTRIBUTES, COMPLETENESS_ATTRIBUTE_KEYS } from "@/lib/config/profiling";
import { ProfilingDismissSchema } from "@/lib/schemas/profiling";
import { ProfilingAnswerSchema } from "@/lib/schemas/profiling-answer";
import { COMPLETENESS_ITEMS, computeCompleteness } from "@/lib/server/profile/completeness";

function issues(input: unknown): string[] {
  const result = ProfilingAnswerSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("profiling answers", () => {
  it.each([
    [{ attributeKey: "name", answer: { firstName: "Erika", lastName: "Mustermann" } }, []],
    [
      { attributeKey: "name", answer: { firstName: "", lastName: "Mustermann" } },
      ["answer.firstName: validation.profiling.firstNameRequired"],
    ],
    [
      { attributeKey: "name", answer: { firstName: "  ", lastName: "" } },
      [
        "answer.firstName: validation.profiling.firstNameRequired",
        "answer.lastName: validation.profiling.lastNameRequired",
      ],
    ],
    [
      { attributeKey: "name", answer: { firstName: "R2D2", lastName: "Mustermann" } },
      ["answer.firstName: validation.profile.nameInvalid"],
    ],
    [{ attributeKey: "dateOfBirth", answer: { dateOfBirth: "1990-02-28" } }, []],
    [
      { attributeKey: "dateOfBirth", answer: { dateOfBirth: "" } },
      ["answer.dateOfBirth: validation.profiling.dateOfBirthRequired"],
    ],
    [
      { attributeKey: "dateOfBirth", answer: { dateOfBirth: "1990-02-30" } },
      ["answer.dateOfBirth: validation.profile.dateOfBirthInvalid"],
    ],
    [
      { attributeKey: "dateOfBirth", answer: { dateOfBirth: "2999-01-01" } },
      ["answer.dateOfBirth: validation.profile.dateOfBirthFuture"],
    ],
    [{ attributeKey: "phone", answer: { phone: "0151 23456789" } }, []],
    [{ attributeKey: "phone", answer: { phone: "" } }, ["answer.phone: validation.profiling.phoneRequired"]],
    [
      { attributeKey: "phone", answer: { phone: "12345" } },
      ["answer.phone: validation.profile.phoneInvalid"],
    ],
    [{ attributeKey: "interests", answer: { interests: ["sport", "travel"] } }, []],
    [
      { attributeKey: "interests", answer: { interests: [] } },
      ["answer.interests: validation.profiling.interestsRequired"],
    ],
    [
      { attributeKey: "interests", answer: { interests: ["gambling"] } },
      ["answer.interests.0: validation.profiling.interestsRequired"],
    ],
  ])("%j → %j", (input, expected) => {
    expect(issues(input)).toEqual(expected);
  });

  it("normalises: single spaces in names, E.164 phone, interests deduplicated in schema order", () => {
    expect(
      ProfilingAnswerSchema.parse({
        attributeKey: "name",
        answer: { firstName: " Anna  Lena ", lastName: "Ott" },
      }),
    ).toEqual({ attributeKey: "name", answer: { firstName: "Anna Lena", lastName: "Ott" } });
    expect(
      ProfilingAnswerSchema.parse({ attributeKey: "phone", answer: { phone: "0151 23456789" } }),
    ).toEqual({
      attributeKey: "phone",
      answer: { phone: "+4915123456789" },
    });
    expect(
      ProfilingAnswerSchema.parse({
        attributeKey: "interests",
        answer: { interests: ["travel", "sport", "travel"] },
      }),
    ).toEqual({ attributeKey: "interests", answer: { interests: ["sport", "travel"] } });
  });

  it("refuses unknown attributes and dismiss choices", () => {
    expect(ProfilingAnswerSchema.safeParse({ attributeKey: "shoeSize", answer: { size: 42 } }).success).toBe(
      false,
    );
    expect(ProfilingDismissSchema.safeParse({ attributeKey: "name", choice: "SKIP" }).success).toBe(true);
    expect(ProfilingDismissSchema.safeParse({ attributeKey: "name", choice: "NEVER" }).success).toBe(false);
    expect(ProfilingDismissSchema.safeParse({ attributeKey: "password", choice: "SKIP" }).success).toBe(
      false,
    );
  });
});

describe("completeness agrees with the profile schema", () => {
  it("counts the attributes marked for it, plus an address", () => {
    const counted = PROFILING_ATTRIBUTES.filter((a) => a.countsTowardsCompleteness).map((a) => a.key);
    expect([...COMPLETENESS_ATTRIBUTE_KEYS].sort()).toEqual([...counted].sort());
    expect(COMPLETENESS_ITEMS).toEqual([...COMPLETENESS_ATTRIBUTE_KEYS, "address"]);
  });

  it("an attribute is done exactly when the schema says it is filled", () => {
    const input = {
      firstName: "Erika",
      lastName: null,
      dateOfBirth: "1990-01-01",
      phoneE164: null,
      addressCount: 0,
    };
    const result = computeCompleteness(input);
    expect(result.items).toEqual([
      { item: "name", isDone: false },
      { item: "dateOfBirth", isDone: true },
      { item: "phone", isDone: false },
      { item: "address", isDone: false },
    ]);
    expect(result.percent).toBe(25);
  });
});
