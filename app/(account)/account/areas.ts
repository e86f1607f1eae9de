// The account sections in navigation order. Keys double as message keys under
// `account.nav.<key>` and `account.<key>.*`, so adding a section is one line plus messages.

export const ACCOUNT_SECTIONS = [
  { key: "orders", href: "/account/orders" },
  { key: "profile", href: "/account/profile" },
  { key: "addresses", href: "/account/addresses" },
  { key: "payment", href: "/account/payment" },
  { key: "communication", href: "/account/communication" },
  { key: "privacy", href: "/account/privacy" },
  { key: "security", href: "/account/security" },
  { key: "activity", href: "/account/activity" },
] as const;

export type AccountSectionKey = (typeof ACCOUNT_SECTIONS)[number]["key"];
