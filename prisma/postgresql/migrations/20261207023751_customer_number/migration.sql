-- AlterTable
ALTER TABLE "User" ADD COLUMN     "customerNumber" TEXT;

-- Backfill (docs/decisions/0043): the existing accounts get 100000001, 100000002, … in the order
-- they were created, each followed by its check digit (weights 3,1,3,… from the left, the digit
-- brings the weighted sum to a multiple of 10), the same rule as lib/schemas/customer-number.ts.
UPDATE "User" SET "customerNumber" = numbered.base || ((10 - ((3*substr(base, 1, 1)::int + substr(base, 2, 1)::int + 3*substr(base, 3, 1)::int + substr(base, 4, 1)::int + 3*substr(base, 5, 1)::int + substr(base, 6, 1)::int + 3*substr(base, 7, 1)::int + substr(base, 8, 1)::int + 3*substr(base, 9, 1)::int) % 10)) % 10)::text
FROM (
  SELECT "id", (100000000 + ROW_NUMBER() OVER (ORDER BY "createdAt", "id"))::text AS base FROM "User"
) AS numbered
WHERE "User"."id" = numbered."id";

-- CreateIndex
CREATE UNIQUE INDEX "User_customerNumber_key" ON "User"("customerNumber");

