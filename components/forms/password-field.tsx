"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { buttonClassName } from "@/components/ui/button";
import { TextField, type TextFieldProps } from "./text-field";

/**
 * A password field. `purpose` picks the autocomplete hint password managers rely on: "new" offers
 * to generate and save a password, "current" fills the saved one. The toggle shows what was typed
 * (issue 15 item 13: typing a long passphrase on a phone blind is where sign-ins fail); it is a
 * toggle button (aria-pressed) with one name, so its state is announced, not its label swapped.
 */
export function PasswordField({
  purpose,
  required = true,
  id,
  ...props
}: Omit<TextFieldProps, "type" | "autoComplete" | "addon"> & { purpose: "new" | "current" }) {
  const t = useTranslations("forms");
  const generatedId = useId();
  const inputId = id ?? generatedId;
  const [visible, setVisible] = useState(false);
  return (
    <TextField
      id={inputId}
      type={visible ? "text" : "password"}
      autoComplete={purpose === "new" ? "new-password" : "current-password"}
      // A shown password is still not for the spell checker or autocorrect.
      spellCheck={false}
      autoCapitalize="off"
      required={required}
      addon={
        <button
          type="button"
          aria-pressed={visible}
          aria-controls={inputId}
          onClick={() => setVisible((v) => !v)}
          className={buttonClassName({ variant: "secondary", className: "shrink-0 px-3 text-sm" })}
        >
          {t("showPassword")}
        </button>
      }
      {...props}
    />
  );
}
