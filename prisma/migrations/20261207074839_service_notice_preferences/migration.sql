-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CommunicationPreference" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "emailEnabled" BOOLEAN NOT NULL DEFAULT true,
    "pushEnabled" BOOLEAN NOT NULL DEFAULT false,
    "smsEnabled" BOOLEAN NOT NULL DEFAULT false,
    "frequency" TEXT NOT NULL DEFAULT 'AS_PUBLISHED',
    "serviceEmailEnabled" BOOLEAN NOT NULL DEFAULT true,
    "servicePushEnabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "CommunicationPreference_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_CommunicationPreference" ("createdAt", "emailEnabled", "frequency", "id", "pushEnabled", "smsEnabled", "updatedAt", "userId") SELECT "createdAt", "emailEnabled", "frequency", "id", "pushEnabled", "smsEnabled", "updatedAt", "userId" FROM "CommunicationPreference";
DROP TABLE "CommunicationPreference";
ALTER TABLE "new_CommunicationPreference" RENAME TO "CommunicationPreference";
CREATE UNIQUE INDEX "CommunicationPreference_userId_key" ON "CommunicationPreference"("userId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

