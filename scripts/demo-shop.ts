/**
 * `npm run demo:shop`: the demo shop places an order for the demo customer and ships it, through
 * the portal's real order API, one parcel step every few seconds — sign in as the demo customer
 * (README: Demo accounts) and watch /account/orders, its mails and pushes. Needs the portal running
 * (`npm start`, another terminal) with the demo accounts; the API key it uses (scope orders:write,
 * 30 days) is created in the database as the demo admin, audited like one made in /admin/api-keys.
 *
 *   npm run demo:shop                 one step every 20 seconds
 *   npm run demo:shop -- --step=5     faster
 */
import { scriptEnv } from "./script-env";
import { createPrismaClient } from "../lib/db/prisma-client";
import { NO_CLIENT } from "../lib/server/actor";
import { createApiKey } from "../lib/server/api/keys";
import { DEMO_ACCOUNTS } from "../prisma/seed-data";
import { playDemoShop, type Send } from "./demo-shop/play";

function stepSeconds(args: string[]): number {
  const arg = args.find((a) => a.startsWith("--step="));
  const value = arg ? Number(arg.slice("--step=".length)) : 20;
  if (!Number.isFinite(value) || value < 0 || value > 600) {
    console.error(`--step must be a number of seconds between 0 and 600, got "${arg}"`);
    process.exit(2);
  }
  return value;
}

const env = scriptEnv();

const step = stepSeconds(process.argv.slice(2));
const customer = DEMO_ACCOUNTS.find((a) => a.role === "CUSTOMER")!;
const adminEmail = DEMO_ACCOUNTS.find((a) => a.role === "ADMIN")!.email;
const db = createPrismaClient(env.databaseUrl);
try {
  const admin = await db.user.findUnique({ where: { emailNormalized: adminEmail, isDemo: true } });
  if (!admin) {
    console.error(`No demo admin (${adminEmail}) in this database: start the portal with demo data first.`);
    process.exit(1);
  }
  const { key } = await createApiKey(
    {
      actor: { kind: "staff", userId: admin.id, role: "ADMIN", sessionId: null, client: NO_CLIENT },
      name: "Demo-Shop (npm run demo:shop)",
      scopes: ["orders:write"],
      lifetimeDays: 30,
    },
    { tx: db },
  );
  const send: Send = async ({ method, path: apiPath, body, contentType, idempotencyKey }) => {
    const response = await fetch(`${env.appUrl}${apiPath}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        "content-type": contentType,
        "idempotency-key": idempotencyKey,
      },
      body: body instanceof Uint8Array ? (body as BodyInit) : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  console.log(`demo shop → ${env.appUrl} (sign in as ${customer.email} to watch /account/orders)`);
  const shopOrderId = await playDemoShop({
    send,
    customerEmail: customer.email,
    pause: () => new Promise((resolve) => setTimeout(resolve, step * 1000)),
    log: (line) => console.log(`  ${line}`),
  });
  console.log(`done: order ${shopOrderId} delivered, invoice attached`);
} catch (error) {
  console.error(`demo:shop failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
