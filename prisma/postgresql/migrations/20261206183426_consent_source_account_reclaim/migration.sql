-- AlterEnum
ALTER TYPE "ConsentSource" ADD VALUE 'ACCOUNT_RECLAIM';

