-- AlterTable
ALTER TABLE "CommunicationPreference" ADD COLUMN     "serviceEmailEnabled" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "servicePushEnabled" BOOLEAN NOT NULL DEFAULT true;

