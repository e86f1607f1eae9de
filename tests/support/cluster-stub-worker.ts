/**
 * A stand-in for scripts/server.ts under scripts/cluster.ts (tests/unit/cluster-processes.test.ts):
 * answers every request with its pid, and on SIGTERM closes its server, says so, and exits 0.
 */
import { createServer } from "node:http";

const server = createServer((_req, res) => res.end(String(process.pid)));
server.listen(Number(process.env.PORT));
process.on("SIGTERM", () => {
  console.log(`stopping ${process.pid}`);
  server.close(() => process.exit(0));
});
