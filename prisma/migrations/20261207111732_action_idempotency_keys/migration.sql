-- CreateTable
CREATE TABLE "ActionIdempotencyKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "result" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    CONSTRAINT "ActionIdempotencyKey_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ActionIdempotencyKey_expiresAt_idx" ON "ActionIdempotencyKey"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "ActionIdempotencyKey_userId_key_key" ON "ActionIdempotencyKey"("userId", "key");

