import "server-only";
/**
 * Consent: the one writer (recordConsent) and the one reader of the current state. Other features
 * (marketing audiences, push, profiling questions) import from here.
 */
export { recordConsent, type ConsentSourceName } from "./record-consent";
export {
  currentConsent,
  currentConsents,
  hasCurrentConsent,
  type CurrentConsent,
  type LegalBasisName,
} from "./current-consent";
export type { ConsentStatus, DerivedConsent } from "./derive-state";
