/**
 * The webhook worker's rhythm (lib/config/webhooks.ts, docs/decisions/0049): idle rounds back off
 * to idleSeconds, but never past the next due retry; work, or an event enqueued in this process,
 * keeps rounds at pollSeconds; a full batch goes on at once.
 */
import { describe, expect, it } from "vitest";
import { nextRoundDelayMs, WEBHOOK_POLICY } from "@/lib/config/webhooks";

const now = new Date("2026-12-07T05:00:00Z");
const later = (ms: number) => new Date(now.getTime() + ms);
const POLL = WEBHOOK_POLICY.pollSeconds * 1000;
const IDLE = WEBHOOK_POLICY.idleSeconds * 1000;

describe("nextRoundDelayMs", () => {
  it("waits idleSeconds when nothing is pending, and is slower than the busy rhythm", () => {
    expect(nextRoundDelayMs({ now, sent: 0, nextDueAt: null, hotUntil: null })).toBe(IDLE);
    expect(IDLE).toBeGreaterThan(POLL);
  });

  it("wakes for the next due retry, between pollSeconds and idleSeconds", () => {
    expect(nextRoundDelayMs({ now, sent: 0, nextDueAt: later(5000), hotUntil: null })).toBe(5000);
    expect(nextRoundDelayMs({ now, sent: 0, nextDueAt: later(-1000), hotUntil: null })).toBe(POLL);
    expect(nextRoundDelayMs({ now, sent: 0, nextDueAt: later(3_600_000), hotUntil: null })).toBe(IDLE);
  });

  it("keeps the busy rhythm after a round that sent something, or shortly after an enqueue", () => {
    expect(nextRoundDelayMs({ now, sent: 1, nextDueAt: null, hotUntil: null })).toBe(POLL);
    expect(nextRoundDelayMs({ now, sent: 0, nextDueAt: null, hotUntil: later(1) })).toBe(POLL);
    expect(nextRoundDelayMs({ now, sent: 0, nextDueAt: null, hotUntil: later(-1) })).toBe(IDLE);
  });

  it("goes on at once after a full batch", () => {
    expect(nextRoundDelayMs({ now, sent: WEBHOOK_POLICY.batchSize, nextDueAt: null, hotUntil: null })).toBe(
      0,
    );
  });
});
