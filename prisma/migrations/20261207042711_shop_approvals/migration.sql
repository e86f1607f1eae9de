-- CreateTable
CREATE TABLE "ShopApproval" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "apiKeyId" TEXT NOT NULL,
    "shopApprovalId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "shopOrderId" TEXT NOT NULL,
    "details" JSONB NOT NULL,
    "detailsHash" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "expiresAt" DATETIME NOT NULL,
    "decidedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ShopApproval_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ShopApproval_userId_status_idx" ON "ShopApproval"("userId", "status");

-- CreateIndex
CREATE INDEX "ShopApproval_status_expiresAt_idx" ON "ShopApproval"("status", "expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "ShopApproval_apiKeyId_shopApprovalId_key" ON "ShopApproval"("apiKeyId", "shopApprovalId");

