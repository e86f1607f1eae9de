-- DropIndex
DROP INDEX "Profile_phoneE164_idx";

-- DropIndex
DROP INDEX "Profile_nameNormalized_idx";

-- CreateIndex
CREATE INDEX "Profile_nameNormalized_id_idx" ON "Profile"("nameNormalized", "id");

-- CreateIndex
CREATE INDEX "Profile_phoneE164_id_idx" ON "Profile"("phoneE164", "id");

