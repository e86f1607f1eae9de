/**
 * `npm run keys:rotate`: re-encrypts every IBAN, TOTP secret and webhook signing secret sealed with an older data key under
 * the current DATA_ENCRYPTION_KEY (README: Rotating the data encryption key). Safe to run while the
 * app serves and to run again: rows already under the current key are not touched.
 *
 * Runs with `--conditions=react-server` (see package.json) because it uses the app's server modules.
 */
import { databaseKind } from "../lib/db/database-url";
import { scriptEnv } from "./script-env";
import { createPrismaClient } from "../lib/db/prisma-client";
import { rotateEncryptionKeys } from "../lib/server/bank-accounts/key-rotation";

const env = scriptEnv();

const db = createPrismaClient(env.databaseUrl);
try {
  const previous = env.previousEncryptionKeys.filter((k) => k.id !== env.dataEncryptionKey.id);
  console.log(
    `Rotating to data key ${env.dataEncryptionKey.id} (${databaseKind(env.databaseUrl)}); ` +
      `previous keys: ${previous.map((k) => k.id).join(", ") || "none"}`,
  );
  const report = await rotateEncryptionKeys(
    {
      current: env.dataEncryptionKey,
      previous,
      log: (line) => console.log(line),
    },
    { tx: db },
  );
  for (const [label, counts] of [
    ["bank accounts (IBAN)", report.bankAccounts],
    ["TOTP secrets", report.totpFactors],
    ["webhook signing secrets", report.webhookSecrets],
  ] as const) {
    console.log(
      `${label}: ${counts.rotated} re-encrypted, ${counts.skipped} changed meanwhile (already current), ` +
        `${counts.unknownKey} under a key not configured`,
    );
  }
  const unknown =
    report.bankAccounts.unknownKey + report.totpFactors.unknownKey + report.webhookSecrets.unknownKey;
  if (unknown > 0) {
    console.error(
      `${unknown} row(s) are sealed with a key that is neither DATA_ENCRYPTION_KEY nor in ` +
        "DATA_ENCRYPTION_PREVIOUS_KEYS: add that key to DATA_ENCRYPTION_PREVIOUS_KEYS and run again.",
    );
    process.exitCode = 1;
  }
} finally {
  await db.$disconnect();
}
