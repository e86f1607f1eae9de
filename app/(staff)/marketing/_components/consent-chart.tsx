"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type ChartWeek = { week: string; optIns: number; optOuts: number };

/**
 * Opt-ins and opt-outs per week as bars (recharts). To assistive technology the chart is one image
 * whose label points to the table below it, which holds the same numbers (the accessible
 * version); recharts' own keyboard layer is off, so nothing inside the image takes focus.
 */
export function ConsentChart({
  weeks,
  labels,
}: {
  weeks: ChartWeek[];
  labels: { optIns: string; optOuts: string; summary: string };
}) {
  return (
    <div role="img" aria-label={labels.summary} className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart accessibilityLayer={false} data={weeks} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="week" tick={{ fontSize: 12 }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12 }} width={40} />
          <Tooltip />
          <Legend />
          <Bar dataKey="optIns" name={labels.optIns} fill="#1d4ed8" />
          <Bar dataKey="optOuts" name={labels.optOuts} fill="#b45309" />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
