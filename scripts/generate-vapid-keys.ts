/**
 * `npm run push:keys`: prints a fresh VAPID key pair (and a subject to adapt) as .env lines for a
 * deployment. Local mode needs none of this: the first start generates a pair into
 * .data/secrets.json. Keep the pair stable: browsers subscribed with one public key stop receiving
 * pushes signed with another and must subscribe again.
 */
import { generateVapidKeys } from "../lib/env/vapid-keys";

const { publicKey, privateKey } = generateVapidKeys();
console.log("# Web Push (VAPID). Keep this pair: replacing it makes every browser enable push again.");
console.log(`VAPID_PUBLIC_KEY=${publicKey}`);
console.log(`VAPID_PRIVATE_KEY=${privateKey}`);
console.log("VAPID_SUBJECT=mailto:push@example.de");
