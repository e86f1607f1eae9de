/**
 * Impossible travel between two located sign-ins: pure, so real coordinates can be tested without
 * a database. Only distances above the GeoIP noise floor count, and the elapsed time is clamped so
 * two sign-ins in the same second give a finite (very high) speed.
 */
import type { RiskConfig } from "@/lib/config/risk";
import { haversineKm } from "./haversine";

export type LocatedSignIn = {
  at: Date;
  latitude: number;
  longitude: number;
  city: string | null;
  country: string | null;
};

export type ImpossibleTravel = {
  km: number;
  hours: number;
  kmh: number;
  /** Place names as support reads them: city, else country code, else coordinates. */
  from: string;
  to: string;
};

function placeName(place: LocatedSignIn): string {
  return place.city ?? place.country ?? `${place.latitude.toFixed(2)}, ${place.longitude.toFixed(2)}`;
}

export function detectImpossibleTravel(
  from: LocatedSignIn,
  to: LocatedSignIn,
  config: RiskConfig["travel"],
): ImpossibleTravel | null {
  const km = haversineKm(from, to);
  if (km < config.minDistanceKm) return null;
  const hours = Math.max((to.at.getTime() - from.at.getTime()) / 3_600_000, config.minElapsedHours);
  const kmh = km / hours;
  if (kmh <= config.maxSpeedKmh) return null;
  // Rounded for the audit log and support; the comparison above used the exact values.
  return {
    km: Math.round(km),
    hours: Math.round(hours * 100) / 100,
    kmh: Math.round(kmh),
    from: placeName(from),
    to: placeName(to),
  };
}
