import { TextField, type TextFieldProps } from "./text-field";

/** An email address field: the right keyboard, no auto-capitalisation or spell check. */
export function EmailField({
  autoComplete = "username",
  ...props
}: Omit<TextFieldProps, "type" | "inputMode">) {
  return (
    <TextField
      type="email"
      inputMode="email"
      autoCapitalize="none"
      spellCheck={false}
      autoComplete={autoComplete}
      {...props}
    />
  );
}
