-- AlterTable
ALTER TABLE "PendingSignIn" ADD COLUMN "reasons" JSONB;
ALTER TABLE "PendingSignIn" ADD COLUMN "socialLink" JSONB;

-- CreateTable
CREATE TABLE "SignInPass" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "deviceCookieHash" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SignInPass_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "SignInPass_userId_deviceCookieHash_idx" ON "SignInPass"("userId", "deviceCookieHash");

-- CreateIndex
CREATE INDEX "SignInPass_expiresAt_idx" ON "SignInPass"("expiresAt");

