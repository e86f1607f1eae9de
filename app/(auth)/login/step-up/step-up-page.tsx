"use client";

import { useRouter } from "next/navigation";
import { StepUpPanel } from "@/app/_components/step-up/step-up-panel";

export function StepUpPage({ callbackUrl, strongestOnly }: { callbackUrl: string; strongestOnly: boolean }) {
  const router = useRouter();
  return <StepUpPanel strongestOnly={strongestOnly} onConfirmed={() => router.replace(callbackUrl)} />;
}
