/**
 * Every column of prisma/schema.prisma in a protection level (ASVS 14.1.1; the levels and the
 * controls each requires are in docs/security/data-classification.md, decision 0034).
 * tests/unit/data-classification.test.ts fails when a column is missing here or named here but not
 * in the schema, and when a `secret` column breaks the storage convention of decision 0003;
 * lib/server/audit/audit-metadata.ts refuses `secret` column names as metadata keys. Plain module.
 */
export const PROTECTION_LEVELS = ["public", "internal", "personal", "sensitive", "secret"] as const;
export type ProtectionLevel = (typeof PROTECTION_LEVELS)[number];

/** Columns per level, space-separated: one line per level keeps the table readable. */
type ModelClassification = Partial<Record<ProtectionLevel, string>>;

const ROW = "id createdAt updatedAt";

export const DATA_CLASSIFICATION: Record<string, ModelClassification> = {
  User: {
    internal: `${ROW} emailVerifiedAt status lockedAt deletionRequestedAt deletionScheduledFor webauthnUserId signInCount lastSignInAt isDemo`,
    personal: "email emailNormalized customerNumber displayName locale lockReason",
  },
  UserRole: { internal: "id userId role grantedById grantedAt" },
  Profile: {
    internal: `${ROW} userId phoneVerifiedAt`,
    personal: "firstName lastName nameNormalized dateOfBirth phoneE164",
  },
  ProfileAttributeValue: { internal: `${ROW} userId attributeKey source`, personal: "value" },
  ProfilingPrompt: {
    internal: `${ROW} userId attributeKey timesAsked lastAskedAt lastOutcome skippedAt skipCount snoozedUntil answeredAt`,
  },
  PasswordCredential: { internal: `${ROW} userId changedAt`, secret: "hash" },
  SocialIdentity: { internal: "id userId provider linkedAt lastUsedAt", personal: "subject email" },
  Passkey: {
    internal: `${ROW} userId credentialId publicKey counter transports deviceType backedUp aaguid lastUsedAt`,
    personal: "name",
  },
  TotpFactor: {
    internal: `${ROW} userId secretKeyId algorithm digits period confirmedAt lastUsedStep lastUsedAt`,
    secret: "secretCiphertext",
  },
  RecoveryCode: { internal: "id userId usedAt createdAt", secret: "codeHash" },
  EmailOneTimeCode: {
    internal: "id userId purpose pendingSignInId sessionId attempts expiresAt consumedAt createdAt",
    secret: "codeHash",
  },
  PhoneVerificationCode: {
    internal: "id userId attempts expiresAt consumedAt createdAt",
    personal: "phoneE164",
    secret: "codeHash",
  },
  VerificationToken: {
    internal: "id purpose userId expiresAt consumedAt createdAt",
    personal: "payload",
    secret: "tokenHash",
  },
  WebAuthnChallenge: {
    internal: "id challenge purpose userId transactionId expiresAt consumedAt createdAt",
  },
  PendingSignIn: {
    internal:
      "id userId signInAttemptId deviceId firstFactor riskLevel allowedFactors rememberMe returnTo reasons attempts expiresAt completedAt createdAt",
    personal: "socialLink ip userAgent",
    secret: "tokenHash",
  },
  Session: {
    internal:
      "id userId deviceId createdAt lastSeenAt idleExpiresAt absoluteExpiresAt rememberMe authenticatedAt authMethods aal revokedAt revokeReason",
    personal: "ip country city userAgent",
    secret: "tokenHash",
  },
  Device: {
    internal: "id userId firstSeenAt lastSeenAt updatedAt",
    personal: "name browser os userAgent lastIp lastCountry lastCity",
    sensitive: "lastLatitude lastLongitude",
    secret: "cookieIdHash",
  },
  SignInAttempt: {
    internal: "id createdAt userId method secondFactorMethod result riskLevel deviceId sessionId",
    personal: "emailNormalized riskSignals ip country city userAgent",
    sensitive: "latitude longitude",
  },
  SignInPass: { internal: "id userId kind expiresAt usedAt createdAt", secret: "deviceCookieHash" },
  RateLimitBucket: {
    internal: `${ROW} key count windowStartedAt consecutiveFailures lockedUntil expiresAt`,
  },
  Address: {
    internal: `${ROW} userId type isDefaultShipping isDefaultBilling`,
    personal:
      "label recipientName company street houseNumber addition postalCode city region country packstationNumber postNumber postfilialeNumber",
  },
  BankAccount: {
    internal: `${ROW} userId ibanKeyId ibanCountry ibanLength isDefault`,
    personal: "holderName ibanLast4 bic bankName",
    sensitive: "ibanCiphertext ibanFingerprint",
  },
  SepaMandate: {
    internal:
      "id userId bankAccountId creditorIdentifier signedAt textVersion textLocale textHash consentRecordId revokedAt createdAt",
    personal: "mandateReference",
  },
  CommunicationPreference: {
    internal: `${ROW} userId`,
    personal: "emailEnabled pushEnabled smsEnabled frequency serviceEmailEnabled servicePushEnabled",
  },
  TopicSubscription: {
    internal: `${ROW} userId topicKey channel status requestedAt confirmedAt textVersion consentRecordId unsubscribedAt unsubscribeSource`,
    personal: "requestIp confirmIp confirmUserAgent confirmedEmail",
  },
  PushSubscription: {
    internal: `${ROW} userId expiresAt deviceId allowsTransactional allowsMarketing failureCount lastUsedAt`,
    personal: "deviceLabel userAgent",
    sensitive: "endpoint p256dh auth",
  },
  ConsentPurpose: { internal: ROW, public: "key legalBasis active sortOrder" },
  ConsentPurposeVersion: {
    internal: `${ROW} purposeId isMaterial changeNote publishedById`,
    public: "version publishedAt",
  },
  ConsentPurposeText: { internal: `${ROW} versionId`, public: "locale title body textHash" },
  ConsentRecord: {
    internal: "id userId purposeId versionId action source locale textHash createdAt",
    personal: "ip userAgent",
  },
  ConsentState: { internal: "id userId purposeId versionId lastAction lastRecordId updatedAt" },
  AuditEvent: {
    internal:
      "id partition sequence type actorId actorRole subjectUserId targetType targetId dataHash prevHash hash redactedAt createdAt",
    personal: "ip userAgent metadata",
  },
  AuditChainHead: { internal: "partition sequence hash updatedAt" },
  AuditCheckpoint: { internal: "id number heads mac createdAt" },
  ApiKey: {
    internal: "id name prefix scopes createdById createdAt lastUsedAt expiresAt revokedAt revokedById",
    secret: "keyHash",
  },
  DataExport: {
    internal:
      "id userId status requestedAt startedAt readyAt failedAt errorCode payloadKeyId payloadSha256 sizeBytes expiresAt downloadedAt updatedAt",
    sensitive: "payloadCiphertext",
  },
  WebhookEndpoint: {
    internal: "id url events secretKeyId createdById createdAt disabledAt",
    secret: "secretCiphertext",
  },
  WebhookDelivery: {
    internal: `${ROW} eventId eventType endpointId status attempts nextAttemptAt lockedUntil lastStatusCode lastError deliveredAt`,
    // Customer id, purpose and topics of the event: about a person, though by pseudonym.
    personal: "payload",
  },
  // Orders fed by the shop (docs/decisions/0060): what someone bought, where it goes and the
  // parcel's way there are about the person; amounts, states and carrier codes are bookkeeping.
  Order: {
    internal: `${ROW} shopOrderId userId status shopStatus currency subtotalMinor shippingMinor taxMinor totalMinor placedAt`,
    personal: "paymentMethod paymentLast4 billingAddress shippingAddress",
  },
  OrderItem: { internal: "id orderId position unitPriceMinor totalMinor", personal: "sku name quantity" },
  Shipment: { internal: `${ROW} orderId carrier status`, personal: "trackingNumber" },
  ShipmentEvent: { internal: "id shipmentId status carrierCode eventAt createdAt", personal: "place" },
  OrderDocument: { internal: `${ROW} orderId kind sizeBytes sha256`, personal: "content" },
  OrderNotice: { internal: "id orderId kind createdAt" },
  // A return (docs/decisions/0062): the reason code and state are bookkeeping; the customer's
  // own words and what they send back are about them.
  ReturnRequest: { internal: "id orderId userId reason status createdAt", personal: "comment" },
  ReturnRequestItem: { internal: "id returnRequestId orderItemId", personal: "quantity" },
  // The stored answer replays an order write: it carries the order as the shop sent it.
  IdempotencyKey: {
    internal: "id apiKeyId key requestHash responseStatus createdAt expiresAt",
    personal: "responseBody",
  },
  // A customer form's key (docs/decisions/0072): the stored outcome may echo what they saved.
  ActionIdempotencyKey: { internal: "id userId key requestHash createdAt expiresAt", personal: "result" },
  // A shop's approval request (docs/decisions/0063): the amount, lines and delivery address the
  // customer is shown are about them; the hash, states and the shop's ids are bookkeeping.
  ShopApproval: {
    internal: `${ROW} apiKeyId shopApprovalId userId shopOrderId detailsHash status expiresAt decidedAt`,
    personal: "details",
  },
  TransactionConfirmation: {
    internal: `${ROW} userId kind detailsHash nonce status sessionId method expiresAt confirmedAt rejectedAt executedAt`,
    personal: "details",
  },
};

/** The columns of one model with their level, as listed (a column listed twice appears twice). */
export function classifiedColumns(model: string): { column: string; level: ProtectionLevel }[] {
  return PROTECTION_LEVELS.flatMap((level) =>
    (DATA_CLASSIFICATION[model]?.[level] ?? "")
      .split(/\s+/)
      .filter(Boolean)
      .map((column) => ({ column, level })),
  );
}

/** Every column classified `secret`. */
export function secretColumns(): { model: string; column: string }[] {
  return Object.keys(DATA_CLASSIFICATION).flatMap((model) =>
    classifiedColumns(model)
      .filter((c) => c.level === "secret")
      .map(({ column }) => ({ model, column })),
  );
}

/** Names of `secret` columns: never an audit metadata key (audit-metadata.ts). */
export const SECRET_COLUMN_NAMES: ReadonlySet<string> = new Set(secretColumns().map((c) => c.column));
