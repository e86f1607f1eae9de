"use client";

import dynamic from "next/dynamic";

/**
 * The answer to a renewed consent, fetched only when the account layout shows one (it is rare),
 * not with every account page: it brings react-hook-form and zod (issue 16, first-load
 * JavaScript). Still rendered on the server, so the prompt looks the same; it hydrates once its
 * chunk is in.
 */
export const ReConsentAnswer = dynamic(() =>
  import("./re-consent-answer").then((module) => module.ReConsentAnswer),
);
