/**
 * The matrix's actions of the staff administration (docs/decisions/0040, 0041): staff:manage for
 * the invitation; the invitation's own link for accepting it; api_keys:manage for API keys (0045), webhooks:manage for
 * webhooks (0047).
 */
import { act, ALL, NA, type ActionRow } from "./cells";

export const STAFF_ACTIONS: Record<string, ActionRow> = {
  inviteStaffAction: {
    anonymous: "login",
    signedIn: "not-found",
    roles: { ADMIN: "code:VALIDATION_FAILED" }, // past authorisation; the empty address is refused
    call: (c) => act(c, "inviteStaffAction", { email: "", role: "SUPPORT" }),
    other: NA("staff accounts belong to no customer"),
  },
  acceptStaffInvitationAction: {
    ...ALL("code:NOT_FOUND"),
    call: (c) =>
      act(c, "acceptStaffInvitationAction", { token: "unbekannt", password: "Ein neuer Satz für 2026" }),
    other: NA("the token is the authority; see staff-sessions.spec.ts"),
  },
  createApiKeyAction: {
    anonymous: "login",
    signedIn: "not-found",
    roles: { ADMIN: "code:VALIDATION_FAILED" }, // past authorisation; the empty name is refused
    call: (c) => act(c, "createApiKeyAction", { name: "", scopes: ["audiences:read"], lifetimeDays: "30" }),
    other: NA("API keys belong to no customer"),
  },
  revokeApiKeyAction: {
    anonymous: "login",
    signedIn: "not-found",
    roles: { ADMIN: "code:NOT_FOUND" }, // past authorisation; no such key
    call: (c) => act(c, "revokeApiKeyAction", { id: "unbekannt" }),
    other: NA("API keys belong to no customer"),
  },
  createWebhookAction: {
    anonymous: "login",
    signedIn: "not-found",
    roles: { ADMIN: "code:VALIDATION_FAILED" }, // past authorisation; the empty URL is refused
    call: (c) => act(c, "createWebhookAction", { url: "", events: ["consent.withdrawn"] }),
    other: NA("webhook endpoints belong to no customer"),
  },
  disableWebhookAction: {
    anonymous: "login",
    signedIn: "not-found",
    roles: { ADMIN: "code:NOT_FOUND" }, // past authorisation; no such endpoint
    call: (c) => act(c, "disableWebhookAction", { id: "unbekannt" }),
    other: NA("webhook endpoints belong to no customer"),
  },
  resendWebhookDeliveryAction: {
    anonymous: "login",
    signedIn: "not-found",
    roles: { ADMIN: "code:NOT_FOUND" }, // past authorisation; no such delivery
    call: (c) => act(c, "resendWebhookDeliveryAction", { id: "unbekannt" }),
    other: NA("webhook deliveries belong to no customer"),
  },
};
