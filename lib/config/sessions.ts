/**
 * Session lifetimes (docs/decisions/0004): without "remember me" NIST SP 800-63B-4 AAL2 — idle
 * timeout SESSION_IDLE_MINUTES (default 60), absolute SESSION_ABSOLUTE_HOURS (default 24). With
 * "remember me" the absolute lifetime is SESSION_REMEMBER_DAYS (default 30) and the idle timeout
 * 7 days; sensitive actions still require a recent authentication (step-up).
 *
 * Staff (anyone holding a staff role) reach other people's data, so their sessions are shorter and
 * never remembered (docs/decisions/0040): STAFF_SESSION_IDLE_MINUTES (default 15) idle,
 * STAFF_SESSION_ABSOLUTE_HOURS (default 8) absolute.
 */
export type SessionLifetimes = {
  idleMinutes: number;
  absoluteHours: number;
  rememberDays: number;
  staffIdleMinutes: number;
  staffAbsoluteHours: number;
};

const REMEMBER_IDLE_MINUTES = 7 * 24 * 60;
/**
 * Concurrent sessions per account (docs/decisions/0033): enough for a household's phones, tablets
 * and computers; a sign-in beyond it ends the least recently used session.
 */
export const MAX_ACTIVE_SESSIONS = 10;
/** How long the security page names a session the maximum ended. */
export const SESSION_LIMIT_NOTICE_DAYS = 30;

/** Sliding the idle window costs a write; do it at most this often per session. */
export const TOUCH_INTERVAL_MS = 60_000;

export function sessionExpiries(
  lifetimes: SessionLifetimes,
  rememberMe: boolean,
  now = new Date(),
  staff = false,
) {
  const absoluteMs = staff
    ? lifetimes.staffAbsoluteHours * 3_600_000
    : rememberMe
      ? lifetimes.rememberDays * 86_400_000
      : lifetimes.absoluteHours * 3_600_000;
  const absoluteExpiresAt = new Date(now.getTime() + absoluteMs);
  return {
    absoluteExpiresAt,
    idleExpiresAt: nextIdleExpiry(lifetimes, rememberMe, absoluteExpiresAt, now, staff),
  };
}

/**
 * Whether a staff member's session has outlived the staff lifetimes: checked on every request, so
 * a session opened before a staff role was granted is held to them too.
 */
export function isStaffSessionExpired(
  lifetimes: SessionLifetimes,
  session: { createdAt: Date; lastSeenAt: Date },
  now = new Date(),
): boolean {
  return (
    now.getTime() - session.createdAt.getTime() >= lifetimes.staffAbsoluteHours * 3_600_000 ||
    now.getTime() - session.lastSeenAt.getTime() >= lifetimes.staffIdleMinutes * 60_000
  );
}

export function nextIdleExpiry(
  lifetimes: SessionLifetimes,
  rememberMe: boolean,
  absoluteExpiresAt: Date,
  now = new Date(),
  staff = false,
): Date {
  const idleMinutes = staff
    ? lifetimes.staffIdleMinutes
    : rememberMe
      ? REMEMBER_IDLE_MINUTES
      : lifetimes.idleMinutes;
  const idle = new Date(now.getTime() + idleMinutes * 60_000);
  return idle < absoluteExpiresAt ? idle : absoluteExpiresAt;
}
