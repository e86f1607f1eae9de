-- CreateTable
CREATE TABLE "ActionIdempotencyKey" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "result" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ActionIdempotencyKey_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ActionIdempotencyKey_expiresAt_idx" ON "ActionIdempotencyKey"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "ActionIdempotencyKey_userId_key_key" ON "ActionIdempotencyKey"("userId", "key");

-- AddForeignKey
ALTER TABLE "ActionIdempotencyKey" ADD CONSTRAINT "ActionIdempotencyKey_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

