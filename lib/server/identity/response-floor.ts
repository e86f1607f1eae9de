/**
 * Answers to anonymous requests about an address (register, sign-in failure, reset request) take
 * at least a fixed time, so the different work behind "known" and "unknown" does not show in the
 * response time. `npm run bench` prints the remaining difference.
 */
export const RESPONSE_FLOOR_MS = { register: 600, signInFailure: 350, resetRequest: 450 } as const;

export async function withResponseFloor<T>(floorMs: number, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    await padResponse(started, floorMs);
  }
}

/** Waits until `floorMs` have passed since `startedAt` (a performance.now() value). */
export async function padResponse(startedAt: number, floorMs: number): Promise<void> {
  const left = floorMs - (performance.now() - startedAt);
  if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
}
