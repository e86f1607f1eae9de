/**
 * The matrix's routes: every page.tsx and route.ts of app/ (support/routes.ts finds them), one row
 * each. authorization.spec.ts fails for a route without a row or a row without a route.
 */
import { createCustomer } from "../../e2e/support/users";
import { NEW_IBAN } from "../support/owned-objects";
import { ALL, PAGE, STAFF_ONLY, type RouteRow } from "./cells";

export const ROUTES: Record<string, RouteRow> = {
  "GET /": { ...ALL("200"), path: () => "/" },
  "GET /account": { ...PAGE, path: () => "/account" },
  "GET /account/addresses": { ...PAGE, path: () => "/account/addresses" },
  "GET /account/addresses/[id]/edit": {
    ...PAGE,
    path: async (own) => `/account/addresses/${await own.address()}/edit`,
    other: { expect: "404", secrets: (owner) => [owner.addressLabel] },
  },
  "GET /account/addresses/new": { ...PAGE, path: () => "/account/addresses/new" },
  "GET /account/approvals/[id]": {
    ...PAGE,
    path: async (own) => `/account/approvals/${await own.approval()}`,
    other: { expect: "404", secrets: (owner) => [owner.addressLabel] },
  },
  "GET /account/communication": { ...PAGE, path: () => "/account/communication" },
  "GET /account/orders": { ...PAGE, path: () => "/account/orders" },
  "GET /account/orders/[id]": {
    ...PAGE,
    path: async (own) => `/account/orders/${await own.order()}`,
    other: { expect: "404", secrets: (owner) => [owner.addressLabel] },
  },
  "GET /account/payment": { ...PAGE, path: () => "/account/payment" },
  "GET /account/payment/confirm/[transactionId]": {
    ...PAGE,
    path: async (own) => `/account/payment/confirm/${await own.transaction()}`,
    // The page answers 200 with "nothing to confirm"; the victim's new IBAN must not be in it.
    other: { expect: "200", secrets: () => [NEW_IBAN.replace(/(.{4})/g, "$1 ").trim()] },
  },
  "GET /account/privacy": { ...PAGE, path: () => "/account/privacy" },
  "GET /account/profile": { ...PAGE, path: () => "/account/profile" },
  "GET /account/security": { ...PAGE, path: () => "/account/security" },
  "GET /account/activity": { ...PAGE, path: () => "/account/activity" },
  "GET /admin": { ...STAFF_ONLY(["ADMIN"]), path: () => "/admin" },
  "GET /admin/api-keys": { ...STAFF_ONLY(["ADMIN"]), path: () => "/admin/api-keys" },
  "GET /admin/consent": { ...STAFF_ONLY(["ADMIN"]), path: () => "/admin/consent" },
  "GET /admin/consent/[key]": { ...STAFF_ONLY(["ADMIN"]), path: () => "/admin/consent/marketing_email" },
  "GET /admin/webhooks": { ...STAFF_ONLY(["ADMIN"]), path: () => "/admin/webhooks" },
  "GET /admin/staff": { ...STAFF_ONLY(["ADMIN"]), path: () => "/admin/staff" },
  "GET /api/account/export": {
    anonymous: "login",
    signedIn: "200",
    path: async (own) => `/api/account/export?token=${encodeURIComponent(await own.exportToken())}`,
    other: { expect: "redirect:/account/privacy?export=link-invalid", secrets: (owner) => [owner.email] },
  },
  // An order's document (decision 0066): the owner's download; anyone else's id is the same 404.
  "GET /api/account/orders/[id]/documents/[kind]": {
    ...PAGE,
    path: async (own) => `/api/account/orders/${await own.order()}/documents/invoice`,
    other: { expect: "404", secrets: (owner) => [owner.addressLabel] },
  },
  "GET /api/auth/[...nextauth]": { ...ALL("200"), path: () => "/api/auth/providers" },
  // Without next-auth's CSRF token: back to its own confirmation page, nothing done.
  "POST /api/auth/[...nextauth]": {
    ...ALL("redirect:/api/auth/signout?csrf=true"),
    method: "POST",
    path: () => "/api/auth/signout",
  },
  "GET /api/health": { ...ALL("200"), path: () => "/api/health" },
  // The machine API takes API keys only (docs/decisions/0045): a session, staff's too, is no key.
  "GET /api/v1/audiences/[purpose]": { ...ALL("401"), path: () => "/api/v1/audiences/marketing_email" },
  // The API's reference and its OpenAPI document describe the interface and hold no data: public.
  "GET /api/v1/docs": { ...ALL("200"), path: () => "/api/v1/docs" },
  "GET /api/v1/openapi.json": { ...ALL("200"), path: () => "/api/v1/openapi.json" },
  "POST /api/v1/approvals": { ...ALL("401"), method: "POST", path: () => "/api/v1/approvals" },
  "GET /api/v1/approvals/[id]": { ...ALL("401"), path: () => "/api/v1/approvals/abcdef0123456789" },
  "GET /api/v1/customers/[id]/consents": {
    ...ALL("401"),
    path: (own) => `/api/v1/customers/${own.userId ?? "nobody"}/consents`,
  },
  // The shop's order writes (docs/decisions/0060): API keys with orders:write only, never a session.
  "PUT /api/v1/orders/[shopOrderId]": {
    ...ALL("401"),
    method: "PUT",
    path: () => "/api/v1/orders/SO-MATRIX-1",
    body: () => "{}",
  },
  "POST /api/v1/orders/[shopOrderId]/shipments": {
    ...ALL("401"),
    method: "POST",
    path: () => "/api/v1/orders/SO-MATRIX-1/shipments",
    body: () => "{}",
  },
  "PUT /api/v1/orders/[shopOrderId]/documents/[kind]": {
    ...ALL("401"),
    method: "PUT",
    path: () => "/api/v1/orders/SO-MATRIX-1/documents/invoice",
    body: () => "%PDF-1.4",
  },
  "POST /api/v1/shipments/[id]/events": {
    ...ALL("401"),
    method: "POST",
    path: () => "/api/v1/shipments/nobody/events",
    body: () => "{}",
  },
  "GET /forgot-password": { ...ALL("200"), path: () => "/forgot-password" },
  "GET /forgot-password/sent": { ...ALL("200"), path: () => "/forgot-password/sent" },
  "GET /imprint": { ...ALL("200"), path: () => "/imprint" },
  "GET /login": { ...ALL("200"), path: () => "/login" },
  "GET /login/it-was-me": { ...ALL("200"), path: () => "/login/it-was-me?token=unbekannt" },
  "GET /login/link": { ...ALL("200"), path: () => "/login/link?token=unbekannt" },
  "GET /login/not-me": { ...ALL("200"), path: () => "/login/not-me?token=unbekannt" },
  "GET /login/step-up": { ...PAGE, path: () => "/login/step-up" },
  "GET /login/unlock": { ...ALL("200"), path: () => "/login/unlock?token=unbekannt" },
  "GET /login/verify": { ...ALL("200"), path: () => "/login/verify" },
  // Signing out: a plain form post, answered with 303 to /login whoever asks (decision 0028).
  "POST /logout": { ...ALL("redirect:/login"), method: "POST", path: () => "/logout" },
  "GET /marketing": { ...STAFF_ONLY(["MARKETING", "ADMIN"]), path: () => "/marketing" },
  "GET /marketing/export": {
    ...STAFF_ONLY(["MARKETING", "ADMIN"]),
    path: () => "/marketing/export?purpose=marketing_email",
  },
  "GET /newsletter/confirm": { ...ALL("200"), path: () => "/newsletter/confirm?token=unbekannt" },
  "GET /newsletter/unsubscribe": {
    ...ALL("redirect:/newsletter/unsubscribe/confirm?token=unbekannt"),
    path: () => "/newsletter/unsubscribe?token=unbekannt",
  },
  "POST /newsletter/unsubscribe": {
    ...ALL("404"),
    method: "POST",
    body: () => new URLSearchParams({ "List-Unsubscribe": "One-Click" }),
    path: () => "/newsletter/unsubscribe?token=u1.x.y",
  },
  "GET /newsletter/unsubscribe/confirm": {
    ...ALL("200"),
    path: () => "/newsletter/unsubscribe/confirm?token=x",
  },
  // The installed app's offline page (docs/decisions/0068): public, nothing personal in it.
  "GET /offline": { ...ALL("200"), path: () => "/offline" },
  "GET /privacy": { ...ALL("200"), path: () => "/privacy" },
  "GET /register": { ...ALL("200"), path: () => "/register" },
  "GET /register/check-email": { ...ALL("200"), path: () => "/register/check-email" },
  "GET /reset-password": { ...ALL("200"), path: () => "/reset-password?token=unbekannt" },
  "GET /staff-invitation": { ...ALL("200"), path: () => "/staff-invitation?token=unbekannt" },
  "GET /support": { ...STAFF_ONLY(["SUPPORT", "ADMIN"]), path: () => "/support" },
  // A real customer's id: support sees the reason form (200), everyone else nothing (404).
  "GET /support/customers/[id]": {
    ...STAFF_ONLY(["SUPPORT", "ADMIN"]),
    path: async () => `/support/customers/${(await createCustomer()).id}`,
  },
  "GET /terms": { ...ALL("200"), path: () => "/terms" },
  "GET /verify-email": { ...ALL("200"), path: () => "/verify-email?token=unbekannt" },
};
