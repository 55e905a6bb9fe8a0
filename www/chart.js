// SVG geometry for the dispersion plot and the trends chart: scales, tick
// values, paths. Pure functions returning numbers and path strings; the
// components turn them into elements with createElementNS.

/** A linear map from `[d0, d1]` onto `[r0, r1]`; an empty domain maps everything to r0. */
export function linearScale([d0, d1], [r0, r1]) {
  const span = d1 - d0;
  return (value) => (span === 0 ? r0 : r0 + ((value - d0) / span) * (r1 - r0));
}

/** Rounds to 2 decimals, which is plenty for SVG coordinates and keeps paths short. */
export function round2(n) {
  return Math.round(n * 100) / 100;
}

/**
 * "Nice" axis ticks from 0 (or `min`) to at least `max`: steps of 1, 2 or 5
 * times a power of ten, about `count` of them. Returns `{ ticks, max }` where
 * `max` is the last tick, the top of the axis. A zero range gives 0 and 1.
 */
export function niceTicks(min, max, count = 5) {
  let lo = Math.min(min, max);
  let hi = Math.max(min, max);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return { ticks: [0, 1], max: 1 };
  if (hi === lo) hi = lo + 1;
  const rough = (hi - lo) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  lo = Math.floor(lo / step) * step;
  const ticks = [];
  // Build from integers so 0.1 + 0.2 never shows as 0.30000000000000004.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  for (let i = 0; ; i += 1) {
    const value = Number((lo + i * step).toFixed(decimals));
    ticks.push(value);
    if (value >= hi - step * 1e-9) break;
  }
  return { ticks, max: ticks[ticks.length - 1] };
}

/**
 * A polyline as an SVG path: "M x y L x y …". A point whose y is null or not
 * a number breaks the line (the next point starts a new "M"), so the trends
 * chart can leave a gap between dated and undated documents.
 */
export function linePath(points) {
  let d = "";
  let pen = false;
  for (const { x, y } of points) {
    if (y === null || y === undefined || !Number.isFinite(y)) {
      pen = false;
      continue;
    }
    d += `${d ? " " : ""}${pen ? "L" : "M"}${round2(x)} ${round2(y)}`;
    pen = true;
  }
  return d;
}

/** The centres of `n` equal bands filling `[start, end]`: the x of each document in the trends chart. */
export function bandCenters(n, start, end) {
  if (n <= 0) return [];
  const width = (end - start) / n;
  return Array.from({ length: n }, (_, i) => round2(start + width * (i + 0.5)));
}

/**
 * Which of `n` axis labels to print so at most `max` show: every k-th, with
 * k the smallest step that fits. Returns the step (1 = all).
 */
export function labelStep(n, max) {
  if (n <= max || max <= 0) return 1;
  return Math.ceil(n / max);
}

/**
 * Where a match sits on a document's bar, in `[0, width]`: `at / chars` of
 * the way along. A match at the very end stays on the bar.
 */
export function tickPosition(at, chars, width) {
  if (!(chars > 0)) return 0;
  return round2(Math.min(width, Math.max(0, (at / chars) * width)));
}

/** The number of leading documents with a date (the trends answer lists dated ones first). */
export function datedCount(docs) {
  const i = docs.findIndex((d) => !d.date);
  return i === -1 ? docs.length : i;
}

/**
 * A marker shape per series, so the series differ by more than colour:
 * circle, square, triangle, diamond. Returns an SVG path centred on (x, y)
 * with radius `r`, or null for the circle (drawn as <circle>).
 */
export function markerPath(series, x, y, r) {
  const [a, b, c] = [round2(x), round2(y), r];
  switch (series % 4) {
    case 1:
      return `M${round2(a - c)} ${round2(b - c)}h${round2(2 * c)}v${round2(2 * c)}h${round2(-2 * c)}Z`;
    case 2:
      return `M${a} ${round2(b - c * 1.2)}L${round2(a + c * 1.1)} ${round2(b + c * 0.9)}L${round2(a - c * 1.1)} ${round2(b + c * 0.9)}Z`;
    case 3:
      return `M${a} ${round2(b - c * 1.3)}L${round2(a + c * 1.3)} ${b}L${a} ${round2(b + c * 1.3)}L${round2(a - c * 1.3)} ${b}Z`;
    default:
      return null;
  }
}
