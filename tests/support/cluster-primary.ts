/** scripts/cluster.ts's primary with the stub worker (tests/unit/cluster-processes.test.ts). */
import path from "node:path";
import { startCluster } from "../../scripts/cluster";

startCluster({
  root: process.cwd(),
  env: process.env,
  workers: Number(process.env.STUB_WORKERS ?? 2),
  exec: path.resolve("tests/support/cluster-stub-worker.ts"),
});
