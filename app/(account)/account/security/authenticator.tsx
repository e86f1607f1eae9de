import "server-only";
import { getFormatter, getTranslations } from "next-intl/server";
import QRCode from "qrcode";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextField } from "@/components/forms/text-field";
import { Card } from "@/components/ui/card";
import { startTotpEnrolmentAction } from "@/lib/actions/factors";
import { getTotpStatus } from "@/lib/server/factors/totp-factors";
import { DATE_TIME_SHORT } from "@/lib/i18n/formats";
import { ProvenAddressNotice } from "../proven-address-notice";
import { ConfirmTotpForm, DisableTotp, RegenerateRecoveryCodes } from "./authenticator-forms";

/**
 * "Authenticator app": set-up (QR code and the key as text, active only after a first code),
 * status with the recovery codes left, new recovery codes, and removal. While the address is
 * unproven a set-up is not offered (decision 0018); an active factor can still be removed.
 */
export async function Authenticator({ userId, canAdd }: { userId: string; canAdd: boolean }) {
  const [t, format, status] = await Promise.all([
    getTranslations("factors"),
    getFormatter(),
    getTotpStatus(userId),
  ]);
  const qrCode = status.state === "enrolling" ? await qrDataUrl(status.uri) : null;

  return (
    <div id="authenticator">
      <Card title={t("title")} description={t("description")}>
        {status.state !== "active" && !canAdd ? (
          <ProvenAddressNotice feature="authenticator" />
        ) : status.state === "none" ? (
          <form action={startTotpEnrolmentAction} className="flex flex-col gap-3">
            <p className="text-sm text-slate-600">{t("totp.statusNone")}</p>
            <SubmitButton className="self-start">{t("totp.setupButton")}</SubmitButton>
          </form>
        ) : status.state === "enrolling" ? (
          <div className="flex flex-col gap-4">
            <p className="text-sm text-slate-700">{t("totp.scanStep")}</p>
            <ConfirmTotpForm
              setup={
                <>
                  {/* Rendered on the server as SVG: the secret never goes to a third-party QR service. */}
                  {/* eslint-disable-next-line @next/next/no-img-element -- a data URL needs no optimisation */}
                  <img
                    src={qrCode ?? ""}
                    alt={t("totp.qrAlt")}
                    width={192}
                    height={192}
                    className="rounded border border-slate-200 bg-white p-2"
                  />
                  <TextField
                    label={t("totp.secretLabel")}
                    value={status.secretGrouped}
                    readOnly
                    spellCheck={false}
                    className="font-mono"
                  />
                </>
              }
            />
          </div>
        ) : (
          <div className="flex flex-col gap-5">
            <p className="text-sm text-slate-700">
              {t("totp.active", {
                time: format.dateTime(status.confirmedAt, DATE_TIME_SHORT),
              })}{" "}
              {t("totp.recoveryLeft", { count: status.recoveryCodesLeft })}
            </p>
            <RegenerateRecoveryCodes />
            <DisableTotp />
          </div>
        )}
      </Card>
    </div>
  );
}

async function qrDataUrl(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}
