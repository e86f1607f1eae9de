/**
 * The WASM schema engine leaves a long timer pending after a command has finished, which keeps the
 * CLI process alive for 10–60 s. Long timers never carry work the CLI waits for, so let them not hold
 * the event loop open.
 */
export function unrefLongTimers(thresholdMs = 5_000): void {
  const original = globalThis.setTimeout;
  const patched = ((handler: TimerHandler, timeout?: number, ...args: unknown[]) => {
    const timer = original(handler as (...a: unknown[]) => void, timeout, ...args);
    if ((timeout ?? 0) >= thresholdMs && typeof timer === "object" && "unref" in timer) timer.unref();
    return timer;
  }) as unknown as typeof setTimeout;
  globalThis.setTimeout = Object.assign(patched, original);
}
