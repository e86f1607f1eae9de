-- AlterEnum
ALTER TYPE "TokenPurpose" ADD VALUE 'STAFF_INVITE';

