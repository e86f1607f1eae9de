// app/global-error.tsx replaces the root layout, so no i18n provider is available there.
// Its few strings live here, in both languages, and the page shows both.
export const globalErrorMessages = {
  de: {
    title: "Etwas ist schiefgelaufen",
    text: "Das Kundenportal konnte diese Seite nicht anzeigen. Bitte versuchen Sie es erneut.",
    retry: "Erneut versuchen",
    reference: "Referenz",
  },
  en: {
    title: "Something went wrong",
    text: "The customer portal could not display this page. Please try again.",
    retry: "Try again",
    reference: "Reference",
  },
} as const;
