-- AlterTable
ALTER TABLE "User" ADD COLUMN "customerNumber" TEXT;

-- Backfill (docs/decisions/0043): the existing accounts get 100000001, 100000002, … in the order
-- they were created, each followed by its check digit (weights 3,1,3,… from the left, the digit
-- brings the weighted sum to a multiple of 10), the same rule as lib/schemas/customer-number.ts.
WITH numbered AS (
  SELECT "id", CAST(100000000 + ROW_NUMBER() OVER (ORDER BY "createdAt", "id") AS TEXT) AS base FROM "User"
)
UPDATE "User" SET "customerNumber" = (
  SELECT base || ((10 - ((3*substr(base, 1, 1) + substr(base, 2, 1) + 3*substr(base, 3, 1) + substr(base, 4, 1) + 3*substr(base, 5, 1) + substr(base, 6, 1) + 3*substr(base, 7, 1) + substr(base, 8, 1) + 3*substr(base, 9, 1)) % 10)) % 10)
  FROM numbered WHERE numbered."id" = "User"."id"
);

-- CreateIndex
CREATE UNIQUE INDEX "User_customerNumber_key" ON "User"("customerNumber");

