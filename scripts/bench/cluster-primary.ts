/**
 * `npm start`'s primary (scripts/cluster.ts, docs/decisions/0075) for `npm run bench -- --workers N`:
 * WEB_CONCURRENCY workers of scripts/server.ts sharing $PORT, with the environment the bench gives
 * (scripts/start.ts would migrate, seed and build first; the bench has done that itself). The
 * primary's Node flags (tsx, the statement counter, --node-flag) reach every worker through
 * cluster.setupPrimary's execArgv.
 */
import { startCluster, workerCount } from "../cluster";
import { ROOT } from "../db/derive-postgres-schema";

startCluster({ root: ROOT, env: process.env, workers: workerCount(process.env) });
