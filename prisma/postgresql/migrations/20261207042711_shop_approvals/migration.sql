-- CreateEnum
CREATE TYPE "ShopApprovalStatus" AS ENUM ('PENDING', 'APPROVED', 'DECLINED', 'EXPIRED');

-- CreateTable
CREATE TABLE "ShopApproval" (
    "id" TEXT NOT NULL,
    "apiKeyId" TEXT NOT NULL,
    "shopApprovalId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "shopOrderId" TEXT NOT NULL,
    "details" JSONB NOT NULL,
    "detailsHash" TEXT NOT NULL,
    "status" "ShopApprovalStatus" NOT NULL DEFAULT 'PENDING',
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShopApproval_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ShopApproval_userId_status_idx" ON "ShopApproval"("userId", "status");

-- CreateIndex
CREATE INDEX "ShopApproval_status_expiresAt_idx" ON "ShopApproval"("status", "expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "ShopApproval_apiKeyId_shopApprovalId_key" ON "ShopApproval"("apiKeyId", "shopApprovalId");

-- AddForeignKey
ALTER TABLE "ShopApproval" ADD CONSTRAINT "ShopApproval_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

