/**
 * IBAN validation against the example IBAN of each country in the SWIFT IBAN registry (release 99,
 * "IBAN electronic format example"), table-driven: every example passes; the same IBAN with wrong
 * check digits, one character short or one too long is refused with the matching field message.
 */
import { describe, expect, it } from "vitest";
import {
  AddBankAccountSchema,
  bicMatchesIbanCountry,
  ChangeBankAccountSchema,
  checkIban,
  formatIban,
  IbanSchema,
} from "@/lib/schemas/bank-account";

// [country, registry example, SEPA scheme member]
const REGISTRY_EXAMPLES: [string, string, boolean][] = [
  ["AD", "AD1200012030200359100100", true],
  ["AE", "AE070331234567890123456", false],
  ["AL", "AL47212110090000000235698741", false],
  ["AT", "AT611904300234573201", true],
  ["AZ", "AZ21NABZ00000000137010001944", false],
  ["BA", "BA391290079401028494", false],
  ["BE", "BE68539007547034", true],
  ["BG", "BG80BNBG96611020345678", true],
  ["BH", "BH67BMAG00001299123456", false],
  ["BR", "BR1800360305000010009795493C1", false],
  ["CH", "CH9300762011623852957", true],
  ["CR", "CR05015202001026284066", false],
  ["CY", "CY17002001280000001200527600", true],
  ["CZ", "CZ6508000000192000145399", true],
  ["DE", "DE89370400440532013000", true],
  ["DK", "DK5000400440116243", true],
  ["DO", "DO28BAGR00000001212453611324", false],
  ["EE", "EE382200221020145685", true],
  ["ES", "ES9121000418450200051332", true],
  ["FI", "FI2112345600000785", true],
  ["FO", "FO6264600001631634", false],
  ["FR", "FR1420041010050500013M02606", true],
  ["GB", "GB29NWBK60161331926819", true],
  ["GE", "GE29NB0000000101904917", false],
  ["GI", "GI75NWBK000000007099453", true],
  ["GL", "GL8964710001000206", false],
  ["GR", "GR1601101250000000012300695", true],
  ["GT", "GT82TRAJ01020000001210029690", false],
  ["HR", "HR1210010051863000160", true],
  ["HU", "HU42117730161111101800000000", true],
  ["IE", "IE29AIBK93115212345678", true],
  ["IL", "IL620108000000099999999", false],
  ["IS", "IS140159260076545510730339", true],
  ["IT", "IT60X0542811101000000123456", true],
  ["JO", "JO94CBJO0010000000000131000302", false],
  ["KW", "KW81CBKU0000000000001234560101", false],
  ["KZ", "KZ86125KZT5004100100", false],
  ["LB", "LB62099900000001001901229114", false],
  ["LI", "LI21088100002324013AA", true],
  ["LT", "LT121000011101001000", true],
  ["LU", "LU280019400644750000", true],
  ["LV", "LV80BANK0000435195001", true],
  ["MC", "MC5811222000010123456789030", true],
  ["MD", "MD24AG000225100013104168", false],
  ["ME", "ME25505000012345678951", false],
  ["MK", "MK07250120000058984", false],
  ["MR", "MR1300020001010000123456753", false],
  ["MT", "MT84MALT011000012345MTLCAST001S", true],
  ["MU", "MU17BOMM0101101030300200000MUR", false],
  ["NL", "NL91ABNA0417164300", true],
  ["NO", "NO9386011117947", true],
  ["PK", "PK36SCBL0000001123456702", false],
  ["PL", "PL61109010140000071219812874", true],
  ["PS", "PS92PALS000000000400123456702", false],
  ["PT", "PT50000201231234567890154", true],
  ["QA", "QA58DOHB00001234567890ABCDEFG", false],
  ["RO", "RO49AAAA1B31007593840000", true],
  ["RS", "RS35260005601001611379", false],
  ["SA", "SA0380000000608010167519", false],
  ["SE", "SE4550000000058398257466", true],
  ["SI", "SI56263300012039086", true],
  ["SK", "SK3112000000198742637541", true],
  ["SM", "SM86U0322509800000000270100", true],
  ["TN", "TN5910006035183598478831", false],
  ["TR", "TR330006100519786457841326", false],
  ["VA", "VA59001123000012345678", true],
  ["VG", "VG96VPVG0000012345678901", false],
  ["XK", "XK051212012345678906", false],
];

/** The same IBAN with other check digits: mod 97 then cannot come out as 1. */
function withWrongCheckDigits(iban: string): string {
  const digits = Number(iban.slice(2, 4));
  const wrong = digits === 98 ? 2 : digits + 1;
  return iban.slice(0, 2) + String(wrong).padStart(2, "0") + iban.slice(4);
}

const issueOf = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.error?.issues[0]?.message;

describe("IBAN validation (SWIFT IBAN registry examples)", () => {
  it("covers at least 30 countries, SEPA and beyond", () => {
    expect(new Set(REGISTRY_EXAMPLES.map(([c]) => c)).size).toBeGreaterThanOrEqual(60);
    expect(REGISTRY_EXAMPLES.filter(([, , sepa]) => sepa).length).toBeGreaterThanOrEqual(30);
  });

  it.each(REGISTRY_EXAMPLES)("%s: accepts the registry example %s", (country, iban, isSepa) => {
    expect(checkIban(iban)).toEqual({ ok: true, iban, country, isSepa });
    // People type it in groups and lower case.
    expect(checkIban(formatIban(iban).toLowerCase())).toEqual({ ok: true, iban, country, isSepa });
  });

  it.each(REGISTRY_EXAMPLES)("%s: refuses wrong check digits in %s", (_country, iban) => {
    expect(checkIban(withWrongCheckDigits(iban))).toEqual({ ok: false, problem: "checksum" });
  });

  it.each(REGISTRY_EXAMPLES)("%s: refuses %s one character short or long", (_country, iban) => {
    expect(checkIban(iban.slice(0, -1))).toEqual({ ok: false, problem: "length" });
    expect(checkIban(`${iban}0`)).toEqual({ ok: false, problem: "length" });
  });

  it("refuses an unknown country, letters where digits belong and an empty value", () => {
    expect(checkIban("XX89370400440532013000")).toEqual({ ok: false, problem: "country" });
    expect(checkIban("DE89A70400440532013000")).toEqual({ ok: false, problem: "format" });
    expect(checkIban("   ")).toEqual({ ok: false, problem: "required" });
  });
});

describe("IbanSchema (the form field)", () => {
  it.each(REGISTRY_EXAMPLES.filter(([, , sepa]) => sepa))("%s: accepts %s for SEPA", (_c, iban) => {
    expect(IbanSchema.parse(formatIban(iban))).toBe(iban);
  });

  it.each(REGISTRY_EXAMPLES.filter(([, , sepa]) => !sepa))("%s: refuses %s (outside SEPA)", (_c, iban) => {
    expect(issueOf(IbanSchema.safeParse(iban))).toBe("validation.bankAccount.ibanNotSepa");
  });

  it("names the problem with the field message key", () => {
    expect(issueOf(IbanSchema.safeParse("DE88 3704 0044 0532 0130 00"))).toBe(
      "validation.bankAccount.ibanChecksum",
    );
    expect(issueOf(IbanSchema.safeParse("DE89 3704 0044 0532 0130 0"))).toBe(
      "validation.bankAccount.ibanLength",
    );
    expect(issueOf(IbanSchema.safeParse(""))).toBe("validation.bankAccount.ibanRequired");
    expect(issueOf(IbanSchema.safeParse("ZZ12 3456"))).toBe("validation.bankAccount.ibanCountry");
  });
});

describe("bank account form schemas", () => {
  const base = {
    holderName: "Erika Mustermann",
    iban: "DE89 3704 0044 0532 0130 00",
    bic: "",
    grantMandate: false,
  };

  it("normalise IBAN and BIC and keep an empty BIC empty", () => {
    expect(AddBankAccountSchema.parse({ ...base, bic: " coba de ff xxx " })).toMatchObject({
      iban: "DE89370400440532013000",
      bic: "COBADEFFXXX",
    });
    expect(AddBankAccountSchema.parse(base).bic).toBe("");
  });

  it("check the BIC's format and its country against the IBAN's", () => {
    const format = AddBankAccountSchema.safeParse({ ...base, bic: "COBADE" });
    expect(format.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["bic", "validation.bankAccount.bicFormat"],
    ]);
    const country = AddBankAccountSchema.safeParse({ ...base, bic: "BKAUATWWXXX" });
    expect(country.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["bic", "validation.bankAccount.bicCountry"],
    ]);
    expect(
      AddBankAccountSchema.safeParse({ ...base, iban: "AT611904300234573201", bic: "BKAUATWWXXX" }).success,
    ).toBe(true);
    // Jersey banks have JE BICs but GB IBANs.
    expect(bicMatchesIbanCountry("RBOSJESHXXX", "GB")).toBe(true);
    expect(bicMatchesIbanCountry("RBOSJESHXXX", "DE")).toBe(false);
  });

  it("require a holder name within SEPA's 70 characters, without markup", () => {
    const issue = (holderName: string) => issueOf(AddBankAccountSchema.safeParse({ ...base, holderName }));
    expect(issue("  ")).toBe("validation.bankAccount.holderRequired");
    expect(issue("x".repeat(71))).toBe("validation.bankAccount.holderTooLong");
    expect(issue("<script>")).toBe("validation.bankAccount.holderInvalid");
    expect(AddBankAccountSchema.safeParse({ ...base, holderName: "Jürgen O'Neill-Groß & Co." }).success).toBe(
      true,
    );
  });

  it("let a change keep the IBAN by leaving it empty, but still validate a new one", () => {
    const change = { ...base, bankAccountId: "acc_1" };
    expect(ChangeBankAccountSchema.parse({ ...change, iban: "" }).iban).toBe("");
    expect(issueOf(ChangeBankAccountSchema.safeParse({ ...change, iban: "DE88370400440532013000" }))).toBe(
      "validation.bankAccount.ibanChecksum",
    );
  });
});
