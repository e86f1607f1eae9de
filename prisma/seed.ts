/**
 * Seeds a database after its migrations: reference data every time (idempotent), demo accounts
 * only when allowed and the database has no users yet. On a public URL demo accounts are refused.
 */
import { createHash } from "node:crypto";
import { hashPassword } from "../lib/server/passwords/password-hash";
import type { Db } from "../lib/db/prisma-client";
import { CONSENT_PURPOSES, DEMO_ACCOUNTS } from "./seed-data";
import { seedDemoOrders } from "./seed-orders";

export type SeedOptions = { demo: "auto" | "on" | "off"; isPublicUrl: boolean };

export function consentTextHash(title: string, body: string): string {
  return createHash("sha256").update(`${title}\n\n${body}`).digest("hex");
}

async function seedReferenceData(db: Db): Promise<void> {
  // The legacy chain's head (decision 0074); the writer creates each partition's head on its first event.
  await db.auditChainHead.upsert({ where: { partition: 0 }, create: { partition: 0 }, update: {} });
  for (const [index, purpose] of CONSENT_PURPOSES.entries()) {
    const existing = await db.consentPurpose.findUnique({ where: { key: purpose.key } });
    if (existing) continue; // admins own purposes after the first seed
    await db.consentPurpose.create({
      data: {
        key: purpose.key,
        legalBasis: purpose.legalBasis,
        sortOrder: index,
        versions: {
          create: {
            version: 1,
            isMaterial: true,
            publishedAt: new Date(),
            texts: {
              create: Object.entries(purpose.texts).map(([locale, text]) => ({
                locale,
                title: text.title,
                body: text.body,
                textHash: consentTextHash(text.title, text.body),
              })),
            },
          },
        },
      },
    });
  }
}

async function seedDemoAccounts(db: Db): Promise<void> {
  for (const account of DEMO_ACCOUNTS) {
    const isCustomer = account.role === "CUSTOMER";
    const [firstName, lastName] = account.displayName.split(" ");
    const user = await db.user.create({
      data: {
        email: account.email,
        emailNormalized: account.email.trim().toLowerCase(),
        emailVerifiedAt: new Date(),
        displayName: account.displayName,
        locale: account.locale,
        isDemo: true,
        roles: { create: { role: account.role } },
        passwordCredential: { create: { hash: await hashPassword(account.password) } },
        profile: { create: { firstName, lastName, nameNormalized: account.displayName.toLowerCase() } },
        communicationPreference: { create: {} },
        addresses: isCustomer
          ? {
              create: [
                {
                  type: "STREET",
                  label: "Zuhause",
                  recipientName: account.displayName,
                  street: "Musterstraße",
                  houseNumber: "12",
                  postalCode: "10115",
                  city: "Berlin",
                  country: "DE",
                  isDefaultShipping: true,
                  isDefaultBilling: true,
                },
              ],
            }
          : undefined,
      },
    });
    if (isCustomer) await seedDemoOrders(db, user.id);
  }
}

export async function seedDatabase(db: Db, options: SeedOptions): Promise<{ demoAccountsCreated: boolean }> {
  await seedReferenceData(db);
  if (options.isPublicUrl) {
    const demoUsers = await db.user.findMany({ where: { isDemo: true }, select: { email: true } });
    if (demoUsers.length > 0) {
      throw new Error(
        `Refusing to start on a public URL with demo accounts present (${demoUsers.map((u) => u.email).join(", ")}). Remove them with \`npm run db:remove-demo\`.`,
      );
    }
    return { demoAccountsCreated: false };
  }
  const wanted = options.demo === "on" || options.demo === "auto";
  if (!wanted || (await db.user.count()) > 0) return { demoAccountsCreated: false };
  await seedDemoAccounts(db);
  return { demoAccountsCreated: true };
}
