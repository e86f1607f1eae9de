import { useId } from "react";
import { Notice } from "./notice";

/**
 * A secret the server hands out once (an API key, a webhook signing secret): a success notice
 * with the explanation and the value in a read-only field that selects itself on focus, so it
 * can be copied in one go. The server keeps only a hash or ciphertext, so this is the only view.
 */
export function ShownOnceSecret({
  title,
  text,
  label,
  value,
}: {
  title: string;
  text: string;
  label: string;
  value: string;
}) {
  const id = useId();
  return (
    <Notice tone="success" title={title}>
      <p>{text}</p>
      <label className="mt-2 block text-sm font-medium" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        readOnly
        value={value}
        onFocus={(e) => e.currentTarget.select()}
        className="mt-1 w-full rounded-md border border-slate-400 bg-white px-3 py-2 font-mono text-sm"
      />
    </Notice>
  );
}
