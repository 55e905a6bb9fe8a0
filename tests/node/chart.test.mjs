import assert from "node:assert/strict";
import { test } from "node:test";
import {
  bandCenters,
  datedCount,
  labelStep,
  linearScale,
  linePath,
  markerPath,
  niceTicks,
  tickPosition,
} from "../../www/chart.js";

test("a linear scale maps the domain onto the range, inverted ranges too", () => {
  const x = linearScale([0, 100], [40, 640]);
  assert.equal(x(0), 40);
  assert.equal(x(50), 340);
  assert.equal(x(100), 640);
  const y = linearScale([0, 10], [200, 0]);
  assert.equal(y(0), 200);
  assert.equal(y(10), 0);
  assert.equal(linearScale([5, 5], [1, 9])(5), 1, "an empty domain does not divide by zero");
});

test("ticks step by 1, 2 or 5 times a power of ten and reach past the maximum", () => {
  assert.deepEqual(niceTicks(0, 147.2, 5), { ticks: [0, 50, 100, 150], max: 150 });
  assert.deepEqual(niceTicks(0, 10, 5).ticks, [0, 2, 4, 6, 8, 10]);
  assert.deepEqual(niceTicks(0, 0.7, 4).ticks, [0, 0.2, 0.4, 0.6, 0.8]);
  assert.deepEqual(niceTicks(0, 0, 5), { ticks: [0, 0.2, 0.4, 0.6, 0.8, 1], max: 1 });
  assert.deepEqual(niceTicks(0, Number.NaN), { ticks: [0, 1], max: 1 });
  for (const max of [1, 3, 7.5, 62.4, 128.9, 999, 12345]) {
    const { ticks } = niceTicks(0, max, 5);
    assert.equal(ticks[0], 0);
    assert.ok(ticks.at(-1) >= max, `${max}: the axis reaches the largest value`);
    assert.ok(ticks.length >= 3 && ticks.length <= 11, `${max}: a readable number of ticks`);
  }
});

test("a line path breaks at missing values", () => {
  assert.equal(linePath([{ x: 0, y: 10 }, { x: 5.123, y: 20 }, { x: 10, y: 0 }]), "M0 10 L5.12 20 L10 0");
  assert.equal(linePath([{ x: 0, y: 1 }, { x: 1, y: null }, { x: 2, y: 3 }, { x: 3, y: 4 }]), "M0 1 M2 3 L3 4");
  assert.equal(linePath([]), "");
});

test("bands centre each document; labels thin out to fit", () => {
  assert.deepEqual(bandCenters(4, 0, 400), [50, 150, 250, 350]);
  assert.deepEqual(bandCenters(0, 0, 10), []);
  assert.equal(labelStep(5, 12), 1);
  assert.equal(labelStep(100, 12), 9);
  assert.equal(labelStep(24, 12), 2);
});

test("a tick sits at at/chars of the bar, never off it", () => {
  assert.equal(tickPosition(0, 2250, 1000), 0);
  assert.equal(tickPosition(346, 2250, 1000), 153.78);
  assert.equal(tickPosition(2250, 2250, 1000), 1000);
  assert.equal(tickPosition(3000, 2250, 1000), 1000);
  assert.equal(tickPosition(5, 0, 1000), 0, "an empty document");
});

test("dated documents are counted from the front", () => {
  assert.equal(datedCount([{ date: "2020-07-17" }, { date: null }, { date: "" }]), 1);
  assert.equal(datedCount([{ date: "2020" }, { date: "2021" }]), 2);
  assert.equal(datedCount([{ date: null }]), 0);
});

test("each series has its own marker shape", () => {
  assert.equal(markerPath(0, 10, 10, 3), null, "a circle");
  const shapes = [1, 2, 3].map((s) => markerPath(s, 10, 10, 3));
  assert.equal(new Set(shapes).size, 3);
  for (const d of shapes) assert.match(d, /^M[\d. ]+.*Z$/);
  assert.equal(markerPath(5, 10, 10, 3), shapes[0], "a fifth series reuses the second shape");
});
