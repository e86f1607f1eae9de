import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/permissions";
import { listStaff } from "@/lib/server/staff/staff-list";
import { InviteStaffForm } from "./_components/invite-staff-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("staff.admin.staff");
  return { title: t("title") };
}

/** /admin/staff: invite staff by mail, and who holds which role (docs/decisions/0041). */
export default async function StaffPage() {
  await requirePermission("staff:manage", { returnTo: "/admin/staff" });
  const [t, staff] = await Promise.all([getTranslations("staff.admin.staff"), listStaff()]);
  const stateLabel = { invited: t("stateInvited"), active: t("stateActive"), locked: t("stateLocked") };
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="flex flex-col gap-8">
        <Card>
          <h2 className="mb-4 text-lg font-semibold">{t("inviteTitle")}</h2>
          <InviteStaffForm />
        </Card>
        <section aria-labelledby="staff-list-title">
          <h2 id="staff-list-title" className="mb-3 text-lg font-semibold">
            {t("listTitle")}
          </h2>
          {staff.length === 0 ? (
            <p>{t("empty")}</p>
          ) : (
            <ul className="flex flex-col gap-2">
              {staff.map((member) => (
                <li
                  key={member.id}
                  className="flex flex-col gap-1 rounded-lg border border-slate-200 bg-white p-4 sm:flex-row sm:items-center sm:justify-between"
                >
                  <span className="font-medium break-all">{member.email}</span>
                  <span className="text-sm text-slate-700">
                    {member.roles
                      .map((r) => t(`roleNames.${r as "SUPPORT" | "MARKETING" | "ADMIN"}`))
                      .join(", ")}
                    {" · "}
                    {stateLabel[member.state]}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}
