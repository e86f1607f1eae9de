import { TextField, type TextFieldProps } from "./text-field";

/**
 * A password field. `purpose` picks the autocomplete hint password managers rely on: "new" offers
 * to generate and save a password, "current" fills the saved one.
 */
export function PasswordField({
  purpose,
  required = true,
  ...props
}: Omit<TextFieldProps, "type" | "autoComplete"> & { purpose: "new" | "current" }) {
  return (
    <TextField
      type="password"
      autoComplete={purpose === "new" ? "new-password" : "current-password"}
      required={required}
      {...props}
    />
  );
}
