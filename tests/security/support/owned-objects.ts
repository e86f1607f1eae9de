/**
 * Things a person owns, created on first use: through the portal's own actions where the server
 * must seal something (bank accounts, transactions, export links), directly in the database
 * otherwise. The authorisation matrix gives each actor its own set and the attacker the victim's.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { EMPTY_ADDRESS_INPUT, type AddressInput } from "../../../lib/schemas/address";
import { e2eDb } from "../../e2e/support/users";
import { createAddress, createSession } from "./actors";
import type { PortalClient } from "./portal-client";

export const IBAN = "DE89370400440532013000";
export const NEW_IBAN = "DE02120300000000202051";
/** A third account number, for adding one more next to IBAN. */
export const OTHER_IBAN = "DE02500105170137075030";

export const ADDRESS_INPUT: AddressInput = {
  ...EMPTY_ADDRESS_INPUT,
  recipientName: "Erika Mustermann",
  street: "Heidestraße",
  houseNumber: "17",
  postalCode: "51147",
  city: "Köln",
};

export class OwnedObjects {
  private readonly made = new Map<string, Promise<string>>();
  /** The bearer token of session(), to ask the server whether it still works. */
  otherSessionToken: string | undefined;
  /** The label of address(): it appears on the address's own edit page and nowhere else. */
  readonly addressLabel = `Zuhause ${randomBytes(4).toString("hex")}`;

  /** `userId` null: an anonymous caller, who owns nothing; its ids exist nowhere. */
  constructor(
    readonly userId: string | null,
    readonly client: PortalClient,
    readonly email: string = "",
  ) {}

  private once(kind: string, make: (userId: string) => Promise<string>): Promise<string> {
    if (!this.userId) return Promise.resolve(`nobody-${kind}`);
    const userId = this.userId;
    if (!this.made.has(kind)) this.made.set(kind, make(userId));
    return this.made.get(kind)!;
  }

  address(): Promise<string> {
    return this.once("address", async (userId) => (await createAddress(userId, this.addressLabel)).id);
  }

  /** Another live session of the same person (a second device). */
  session(): Promise<string> {
    return this.once("session", async (userId) => {
      const { token, sessionId } = await createSession(userId);
      this.otherSessionToken = token;
      return sessionId;
    });
  }

  passkey(): Promise<string> {
    return this.once("passkey", async (userId) => {
      const row = await e2eDb().passkey.create({
        data: {
          userId,
          credentialId: randomBytes(16).toString("base64url"),
          publicKey: new Uint8Array(77),
          deviceType: "SINGLE_DEVICE",
          backedUp: false,
          name: "Laptop",
        },
      });
      return row.id;
    });
  }

  pushSubscription(): Promise<string> {
    return this.once("push", async (userId) => {
      const row = await e2eDb().pushSubscription.create({
        data: {
          userId,
          // Nothing listens there: a test notification fails fast instead of leaving the machine.
          endpoint: `http://127.0.0.1:9/push/${randomBytes(8).toString("hex")}`,
          p256dh: randomBytes(65).toString("base64url"),
          auth: randomBytes(16).toString("base64url"),
        },
      });
      return row.id;
    });
  }

  socialIdentity(): Promise<string> {
    return this.once("social", async (userId) => {
      const row = await e2eDb().socialIdentity.create({
        data: { userId, provider: "testidp", subject: randomBytes(8).toString("hex") },
      });
      return row.id;
    });
  }

  /** Saved through addBankAccountAction, so the IBAN is sealed with the server's key. */
  bankAccount(): Promise<string> {
    return this.once("bank", async (userId) => {
      const reply = await this.client.action("addBankAccountAction", [
        randomUUID(),
        { holderName: "Erika Mustermann", iban: IBAN, bic: "", grantMandate: false },
      ]);
      if (!reply.result?.ok)
        throw new Error(
          `bank account not added: ${reply.status} ${reply.redirect} ${reply.errorDigest} ${JSON.stringify(reply.result)}`,
        );
      return (
        await e2eDb().bankAccount.findFirstOrThrow({ where: { userId }, orderBy: { createdAt: "desc" } })
      ).id;
    });
  }

  /** A pending bank-account change to NEW_IBAN, confirmable with a passkey from this session. */
  transaction(): Promise<string> {
    return this.once("transaction", async () => {
      await this.passkey();
      const bankAccountId = await this.bankAccount();
      const reply = await this.client.action("changeBankAccountAction", [
        randomUUID(),
        { bankAccountId, holderName: "Erika Mustermann", iban: NEW_IBAN, bic: "", grantMandate: false },
      ]);
      const data = reply.result?.data as { next?: string; transactionId?: string } | undefined;
      if (data?.next !== "confirm") throw new Error(`no transaction opened: ${JSON.stringify(reply.result)}`);
      return data.transactionId!;
    });
  }

  /** The token of a fresh single-use export download link. */
  exportToken(): Promise<string> {
    return this.once("export", async () => {
      const reply = await this.client.action("requestDataExportAction", []);
      const links = (reply.result?.data as { links?: { json: string } } | undefined)?.links;
      if (!links) throw new Error(`no export prepared: ${JSON.stringify(reply.result)}`);
      return new URL(links.json, "http://x").searchParams.get("token")!;
    });
  }

  /** A pending shop approval (docs/decisions/0063), written as POST /api/v1/approvals would. */
  approval(): Promise<string> {
    return this.once("approval", async (userId) => {
      const id = randomBytes(12).toString("hex");
      const details = {
        approvalId: id,
        shopOrderId: `M-${id.slice(0, 8)}`,
        reason: "over_threshold",
        amountMinor: 424_200,
        currency: "EUR",
        deliveryAddress: [this.addressLabel, "Heidestraße 17", "51147 Köln"],
        lines: [{ name: "Matrix-Prüfpaket", quantity: 1, unitAmountMinor: 424_200 }],
      };
      await e2eDb().shopApproval.create({
        data: {
          id,
          apiKeyId: "matrix",
          shopApprovalId: id,
          userId,
          shopOrderId: details.shopOrderId,
          details,
          detailsHash: createHash("sha256").update(JSON.stringify(details)).digest("hex"),
          expiresAt: new Date(Date.now() + 60 * 60 * 1000),
        },
      });
      return id;
    });
  }

  /**
   * An order with an invoice (docs/decisions/0060, 0066), written as the shop's PUT would: the
   * address label is the delivery name and sits in the PDF, so it shows on the owner's detail page
   * and in the owner's download and must show nowhere else.
   */
  order(): Promise<string> {
    return this.once("order", async (userId) => {
      const address = {
        name: this.addressLabel,
        street: "Heidestraße 17",
        postalCode: "51147",
        city: "Köln",
        country: "DE",
      };
      const content = new TextEncoder().encode(`%PDF-1.4\n% ${this.addressLabel}\n%%EOF\n`);
      const order = await e2eDb().order.create({
        data: {
          shopOrderId: `M-${randomBytes(8).toString("hex")}`,
          userId,
          status: "ORDERED",
          shopStatus: "ORDERED",
          currency: "EUR",
          subtotalMinor: 4200,
          shippingMinor: 0,
          taxMinor: 671,
          totalMinor: 4200,
          paymentMethod: "invoice",
          billingAddress: address,
          shippingAddress: address,
          placedAt: new Date(),
          items: {
            create: [
              {
                position: 0,
                sku: "M-1",
                name: "Matrix-Prüfpaket",
                quantity: 1,
                unitPriceMinor: 4200,
                totalMinor: 4200,
              },
            ],
          },
          documents: {
            create: [
              {
                kind: "invoice",
                content,
                sha256: createHash("sha256").update(content).digest("hex"),
                sizeBytes: content.byteLength,
              },
            ],
          },
        },
      });
      return order.id;
    });
  }
}
