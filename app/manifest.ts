import type { MetadataRoute } from "next";

/**
 * /manifest.webmanifest (PRODUCT.md §3): what makes the portal installable on a home screen,
 * which iOS also needs for Web Push. It opens the account area; the icons are the app icon
 * (app/icon.svg) as PNGs in public/icons, one with a full-bleed background for masks.
 */
export default function manifest(): MetadataRoute.Manifest {
  return {
    id: "/account",
    name: "Kundenportal",
    short_name: "Kundenportal",
    description: "Ihr Kundenkonto: Bestellungen, Freigaben, Daten und Sicherheit.",
    lang: "de",
    start_url: "/account",
    scope: "/",
    display: "standalone",
    theme_color: "#1447e6",
    background_color: "#ffffff",
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
