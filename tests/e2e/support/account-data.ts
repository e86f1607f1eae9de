/**
 * Rows for every list an account page shows, long enough to find a column that does not fit on a
 * phone: the mobile project's overflow checks and `npm run screenshots` fill the account with them.
 */
import { e2eDb } from "./users";

export async function fillTheLists(userId: string, email: string): Promise<void> {
  const db = e2eDb();
  await db.address.create({
    data: {
      userId,
      label: "Zuhause bei den Großeltern",
      recipientName: "Erika Mustermann-Schwarzenberger",
      street: "Hauptstraße der Republik",
      houseNumber: "127a",
      addition: "Hinterhaus, 3. Obergeschoss links",
      postalCode: "10115",
      city: "Berlin",
      country: "DE",
      isDefaultShipping: true,
    },
  });
  const attempt = { userId, emailNormalized: email, method: "PASSWORD" as const };
  await db.signInAttempt.createMany({
    data: [
      {
        ...attempt,
        result: "SUCCEEDED",
        ip: "2001:db8:85a3:8d3:1319:8a2e:370:7348",
        city: "Frankfurt am Main",
        country: "DE",
        createdAt: new Date(Date.now() - 86_400_000),
      },
      {
        ...attempt,
        result: "INVALID_CREDENTIALS",
        ip: "198.51.100.42",
        createdAt: new Date(Date.now() - 3_600_000),
      },
    ],
  });
}
