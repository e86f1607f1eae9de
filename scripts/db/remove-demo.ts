/** `npm run db:remove-demo`: deletes the seeded demo accounts (required before a public deployment). */
import { createPrismaClient } from "../../lib/db/prisma-client";

const db = createPrismaClient(process.env.DATABASE_URL);
const { count } = await db.user.deleteMany({ where: { isDemo: true } });
await db.$disconnect();
console.log(`Removed ${count} demo account(s).`);
