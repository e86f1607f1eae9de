import { describe, expect, it } from "vitest";
import { isStaffSessionExpired, sessionExpiries, type SessionLifetimes } from "@/lib/config/sessions";

describe("staff session lifetimes", () => {
  const lifetimes: SessionLifetimes = {
    idleMinutes: 60,
    absoluteHours: 24,
    rememberDays: 30,
    staffIdleMinutes: 15,
    staffAbsoluteHours: 8,
  };
  const now = new Date("2026-12-06T12:00:00Z");

  it("opens a staff session for 15 minutes idle and 8 hours at most, remember me or not", () => {
    const staff = sessionExpiries(lifetimes, true, now, true);
    expect(staff.idleExpiresAt.getTime() - now.getTime()).toBe(15 * 60_000);
    expect(staff.absoluteExpiresAt.getTime() - now.getTime()).toBe(8 * 3_600_000);
    const customer = sessionExpiries(lifetimes, false, now);
    expect(customer.idleExpiresAt.getTime() - now.getTime()).toBe(60 * 60_000);
  });

  it("ends a session that outlived the staff lifetimes, even one opened before the role", () => {
    const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
    expect(
      isStaffSessionExpired(lifetimes, { createdAt: minutesAgo(60), lastSeenAt: minutesAgo(14) }, now),
    ).toBe(false);
    expect(
      isStaffSessionExpired(lifetimes, { createdAt: minutesAgo(60), lastSeenAt: minutesAgo(15) }, now),
    ).toBe(true);
    expect(
      isStaffSessionExpired(lifetimes, { createdAt: minutesAgo(8 * 60), lastSeenAt: minutesAgo(1) }, now),
    ).toBe(true);
  });
});
