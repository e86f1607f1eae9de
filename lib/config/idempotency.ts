/**
 * How long a customer form's outcome is replayed for a retry with its key (docs/decisions/0072):
 * a retry after a cut-off response comes within minutes; a day matches the machine API's keys
 * (IDEMPOTENCY_KEY_TTL_HOURS, decision 0061) and keeps the table small.
 */
export const ACTION_IDEMPOTENCY_KEY_TTL_HOURS = 24;
