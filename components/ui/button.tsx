import clsx from "clsx";
import Link from "next/link";
import type { ComponentPropsWithRef } from "react";

export type ButtonVariant = "primary" | "secondary" | "danger" | "link";
export type ButtonSize = "md" | "sm";

type StyleProps = { variant?: ButtonVariant; size?: ButtonSize; className?: string };

const base =
  "inline-flex items-center justify-center gap-2 font-medium transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 disabled:cursor-not-allowed disabled:opacity-60";

const variants: Record<ButtonVariant, string> = {
  primary: "rounded-lg bg-brand-700 text-white shadow-sm hover:bg-brand-800 focus-visible:outline-brand-700",
  secondary:
    "rounded-lg bg-white text-slate-900 shadow-sm ring-1 ring-slate-400 ring-inset hover:bg-slate-100 focus-visible:outline-brand-700",
  // Destructive actions (delete, remove, revoke, unlink) read as such without outweighing the
  // card's one primary action: red outline, not a second filled button (issue 15 item 8).
  danger:
    "rounded-lg bg-white text-red-800 shadow-sm ring-1 ring-red-700 ring-inset hover:bg-red-50 focus-visible:outline-red-700",
  link: "rounded-sm text-brand-700 underline hover:text-brand-900 focus-visible:outline-brand-700",
};

// 44 px (md) and 36 px (sm) targets, both above the WCAG 2.2 minimum of 24 px.
const sizes: Record<ButtonSize, string> = {
  md: "min-h-11 px-5 text-base",
  sm: "min-h-9 px-3 text-sm",
};

/** Class names for anything that should look like a button (exported for rare custom cases). */
export function buttonClassName({ variant = "primary", size = "md", className }: StyleProps = {}): string {
  return clsx(base, variants[variant], variant !== "link" && sizes[size], className);
}

export type ButtonProps = StyleProps &
  Omit<ComponentPropsWithRef<"button">, "className"> & { href?: undefined };
export type ButtonLinkProps = StyleProps &
  Omit<ComponentPropsWithRef<typeof Link>, "className" | "href"> & { href: string };

/**
 * A button, or a Next.js Link styled as one when `href` is given (navigation must stay a link
 * for assistive technology). Buttons default to type="button" so they never submit by accident.
 * data-variant lets the E2E fixture check the hierarchy (one primary action per card).
 */
export function Button(props: ButtonProps | ButtonLinkProps) {
  if (props.href !== undefined) {
    const { variant = "primary", size, className, ...linkProps } = props;
    return (
      <Link data-variant={variant} className={buttonClassName({ variant, size, className })} {...linkProps} />
    );
  }
  const { variant = "primary", size, className, type = "button", ...buttonProps } = props;
  return (
    <button
      type={type}
      data-variant={variant}
      className={buttonClassName({ variant, size, className })}
      {...buttonProps}
    />
  );
}
