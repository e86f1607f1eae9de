/** Great-circle distance on a spherical Earth: GeoIP coordinates are far coarser than its 0.5 % error. */

export type Coordinates = { latitude: number; longitude: number };

const EARTH_RADIUS_KM = 6371.0088; // IUGG mean radius

const radians = (degrees: number) => (degrees * Math.PI) / 180;

export function haversineKm(from: Coordinates, to: Coordinates): number {
  const dLat = radians(to.latitude - from.latitude);
  const dLon = radians(to.longitude - from.longitude);
  const a =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(radians(from.latitude)) * Math.cos(radians(to.latitude)) * Math.sin(dLon / 2) ** 2;
  // min() guards against a rounding overshoot above 1 for antipodal points.
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}
