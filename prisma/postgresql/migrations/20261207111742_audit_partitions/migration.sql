-- DropIndex
DROP INDEX "AuditEvent_sequence_key";

-- AlterTable
-- The single head ("audit") of the events written before partitions becomes partition 0
-- (decision 0074): it was the only row the table ever held.
DELETE FROM "AuditChainHead" WHERE "id" <> 'audit';
ALTER TABLE "AuditChainHead" DROP CONSTRAINT "AuditChainHead_pkey",
DROP COLUMN "id",
ADD COLUMN     "partition" INTEGER NOT NULL DEFAULT 0,
ADD CONSTRAINT "AuditChainHead_pkey" PRIMARY KEY ("partition");
ALTER TABLE "AuditChainHead" ALTER COLUMN "partition" DROP DEFAULT;

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "partition" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "AuditCheckpoint" (
    "id" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "heads" JSONB NOT NULL,
    "mac" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AuditCheckpoint_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AuditCheckpoint_number_key" ON "AuditCheckpoint"("number");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_partition_sequence_key" ON "AuditEvent"("partition", "sequence");

