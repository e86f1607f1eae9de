/** Shared date-time format: medium date with short time (e.g. "3 Mar 2025, 14:05"). */
export const DATE_TIME_SHORT = { dateStyle: "medium", timeStyle: "short" } as const;
