import type { ReactNode } from "react";

type EmptyStateProps = {
  title: ReactNode;
  text?: ReactNode;
  /** e.g. a <Button>; omitted while the feature has nothing to offer yet. */
  action?: ReactNode;
  titleAs?: "h2" | "h3";
};

export function EmptyState({ title, text, action, titleAs: Heading = "h2" }: EmptyStateProps) {
  return (
    <div className="rounded-xl border-2 border-dashed border-slate-300 bg-white px-6 py-10 text-center">
      <Heading className="text-base font-semibold text-slate-900">{title}</Heading>
      {text ? <p className="mx-auto mt-2 max-w-prose text-sm text-slate-600">{text}</p> : null}
      {action ? <div className="mt-6 flex justify-center">{action}</div> : null}
    </div>
  );
}
