/**
 * The environment of a command-line script (jobs, key rotation, demo shop), read as `npm start`
 * reads it: a .env file is optional and the real environment wins over it. An invalid setting
 * ends the script with its message and exit code 1.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { EnvError, getEnv } from "../lib/env";

export function scriptEnv(): ReturnType<typeof getEnv> {
  const dotenv = path.resolve(".env");
  if (existsSync(dotenv)) process.loadEnvFile(dotenv);
  try {
    return getEnv();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
