import { Notice } from "@/components/ui/notice";

/**
 * The form-level error (e.g. "too many attempts"). Rendered only while there is a message;
 * its role="alert" (from the error Notice) makes screen readers announce it on appearance.
 */
export function FormError({ message, className }: { message?: string | null; className?: string }) {
  if (!message) return null;
  return (
    <Notice tone="error" className={className}>
      {message}
    </Notice>
  );
}
