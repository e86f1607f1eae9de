-- AlterEnum
ALTER TYPE "SessionRevokeReason" ADD VALUE 'SESSION_LIMIT';

