import { z } from "zod";
import type { ValidationKey } from "@/lib/i18n/messages";
import { EmailSchema } from "./auth";

// Passkey forms and the JSON the browser hands back from a WebAuthn ceremony. The response
// schemas check shape and size only; @simplewebauthn/server verifies the content.

const key = (name: ValidationKey) => `validation.${name}` as const;

export const PASSKEY_NAME_MAX_LENGTH = 64;

export const PasskeyIdSchema = z.object({ passkeyId: z.string().min(1).max(64) });

export const RenamePasskeySchema = z.object({
  passkeyId: z.string().min(1).max(64),
  name: z
    .string(key("required"))
    .trim()
    .min(1, { error: key("required"), abort: true })
    .max(PASSKEY_NAME_MAX_LENGTH, key("invalid")),
});
export type RenamePasskeyInput = z.input<typeof RenamePasskeySchema>;

export const PasskeySignUpSchema = z.object({
  email: EmailSchema,
  acceptTerms: z
    .boolean(key("acceptTermsRequired"))
    .refine((accepted) => accepted, key("acceptTermsRequired")),
});
export type PasskeySignUpInput = z.input<typeof PasskeySignUpSchema>;
export type PasskeySignUp = z.output<typeof PasskeySignUpSchema>;

const Base64Url = z
  .string()
  .max(16_384)
  .regex(/^[A-Za-z0-9_-]*$/);
const Transport = z.enum(["ble", "cable", "hybrid", "internal", "nfc", "smart-card", "usb"]);
const Attachment = z.enum(["platform", "cross-platform"]).optional();

export const RegistrationResponseSchema = z.object({
  id: Base64Url,
  rawId: Base64Url,
  type: z.literal("public-key"),
  authenticatorAttachment: Attachment,
  clientExtensionResults: z.record(z.string(), z.unknown()),
  response: z.object({
    clientDataJSON: Base64Url,
    attestationObject: Base64Url,
    authenticatorData: Base64Url.optional(),
    transports: z.array(Transport).optional(),
    publicKeyAlgorithm: z.number().optional(),
    publicKey: Base64Url.optional(),
  }),
});

export const AuthenticationResponseSchema = z.object({
  id: Base64Url,
  rawId: Base64Url,
  type: z.literal("public-key"),
  authenticatorAttachment: Attachment,
  clientExtensionResults: z.record(z.string(), z.unknown()),
  response: z.object({
    clientDataJSON: Base64Url,
    authenticatorData: Base64Url,
    signature: Base64Url,
    userHandle: Base64Url.optional(),
  }),
});
