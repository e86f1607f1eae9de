-- CreateEnum
CREATE TYPE "SignInPassKind" AS ENUM ('RISK_RELEASE', 'THROTTLE_UNLOCK');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "TokenPurpose" ADD VALUE 'RISK_RELEASE';
ALTER TYPE "TokenPurpose" ADD VALUE 'RISK_REPORT';
ALTER TYPE "TokenPurpose" ADD VALUE 'SIGN_IN_UNLOCK';

-- AlterTable
ALTER TABLE "PendingSignIn" ADD COLUMN     "reasons" JSONB,
ADD COLUMN     "socialLink" JSONB;

-- CreateTable
CREATE TABLE "SignInPass" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" "SignInPassKind" NOT NULL,
    "deviceCookieHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SignInPass_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SignInPass_userId_deviceCookieHash_idx" ON "SignInPass"("userId", "deviceCookieHash");

-- CreateIndex
CREATE INDEX "SignInPass_expiresAt_idx" ON "SignInPass"("expiresAt");

-- AddForeignKey
ALTER TABLE "SignInPass" ADD CONSTRAINT "SignInPass_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

