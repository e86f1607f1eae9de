"use client";

import { useRouter } from "next/navigation";
import { StepUpPanel } from "@/app/_components/step-up/step-up-panel";

export function StepUpPage({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  return <StepUpPanel onConfirmed={() => router.replace(callbackUrl)} />;
}
