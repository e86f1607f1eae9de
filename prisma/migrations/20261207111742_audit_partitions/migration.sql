-- CreateTable
CREATE TABLE "AuditCheckpoint" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "number" INTEGER NOT NULL,
    "heads" JSONB NOT NULL,
    "mac" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AuditChainHead" (
    "partition" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "hash" TEXT,
    "updatedAt" DATETIME NOT NULL
);
-- The single head ("audit") of the events written before partitions becomes partition 0 (decision 0074).
INSERT INTO "new_AuditChainHead" ("partition", "hash", "sequence", "updatedAt") SELECT 0, "hash", "sequence", "updatedAt" FROM "AuditChainHead" WHERE "id" = 'audit';
DROP TABLE "AuditChainHead";
ALTER TABLE "new_AuditChainHead" RENAME TO "AuditChainHead";
CREATE TABLE "new_AuditEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "partition" INTEGER NOT NULL DEFAULT 0,
    "sequence" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "actorId" TEXT,
    "actorRole" TEXT NOT NULL,
    "subjectUserId" TEXT,
    "targetType" TEXT,
    "targetId" TEXT,
    "ip" TEXT,
    "userAgent" TEXT,
    "metadata" JSONB,
    "dataHash" TEXT NOT NULL,
    "prevHash" TEXT,
    "hash" TEXT NOT NULL,
    "redactedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_AuditEvent" ("actorId", "actorRole", "createdAt", "dataHash", "hash", "id", "ip", "metadata", "prevHash", "redactedAt", "sequence", "subjectUserId", "targetId", "targetType", "type", "userAgent") SELECT "actorId", "actorRole", "createdAt", "dataHash", "hash", "id", "ip", "metadata", "prevHash", "redactedAt", "sequence", "subjectUserId", "targetId", "targetType", "type", "userAgent" FROM "AuditEvent";
DROP TABLE "AuditEvent";
ALTER TABLE "new_AuditEvent" RENAME TO "AuditEvent";
CREATE UNIQUE INDEX "AuditEvent_hash_key" ON "AuditEvent"("hash");
CREATE INDEX "AuditEvent_subjectUserId_createdAt_idx" ON "AuditEvent"("subjectUserId", "createdAt");
CREATE INDEX "AuditEvent_actorId_createdAt_idx" ON "AuditEvent"("actorId", "createdAt");
CREATE INDEX "AuditEvent_type_createdAt_idx" ON "AuditEvent"("type", "createdAt");
CREATE INDEX "AuditEvent_targetType_targetId_idx" ON "AuditEvent"("targetType", "targetId");
CREATE INDEX "AuditEvent_createdAt_idx" ON "AuditEvent"("createdAt");
CREATE UNIQUE INDEX "AuditEvent_partition_sequence_key" ON "AuditEvent"("partition", "sequence");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "AuditCheckpoint_number_key" ON "AuditCheckpoint"("number");

