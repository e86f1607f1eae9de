import type de from "@/messages/de.json";
import type en from "@/messages/en.json";
import type { Locale } from "./config";

// German is the source language: its file defines the message shape for type-checked keys.
export type Messages = typeof de;

/** Dot paths to the leaves (strings) of a message tree: "email", "address.postcodeDE". */
type LeafPaths<T> = {
  [K in keyof T & string]: T[K] extends string ? K : `${K}.${LeafPaths<T[K]>}`;
}[keyof T & string];

/**
 * Keys of the `validation` namespace, nested areas included ("address.postcodeDE"); zod schemas
 * use them as error messages.
 */
export type ValidationKey = LeafPaths<Messages["validation"]>;

// Compile-time parity check: `tsc` fails when de.json and en.json drift apart in any
// direction (a key missing, added or nested differently in one language).
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type AssertTrue<T extends true> = T;
export type MessageParity = AssertTrue<Equal<Messages, typeof en>>;

declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}

/** Every catalog key ("auth.rateLimited"): what an action names instead of a worded sentence. */
export type MessageKey = LeafPaths<Messages>;
