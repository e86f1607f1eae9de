/**
 * The E2E web server: the real `npm start` path (migrate, seed demo data, build when stale, serve)
 * on a database of its own that starts empty on every run.
 */
import { rmSync } from "node:fs";

rmSync("tests/.tmp/e2e", { recursive: true, force: true });
await import("../../scripts/start");
