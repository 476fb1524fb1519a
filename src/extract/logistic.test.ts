import { describe, expect, it } from 'vitest';
import { fitLogistic, probability } from './logistic.js';

describe('logistic regression by Newton steps', () => {
  // One feature that tells the classes apart most of the time, one that is noise.
  const rows = [
    [1, 0],
    [1, 1],
    [1, 0],
    [1, 1],
    [0, 0],
    [0, 1],
    [0, 0],
    [1, 1],
    [0, 1],
    [0, 0],
  ];
  const labels = [1, 1, 1, 1, 0, 0, 0, 0, 1, 0];

  it('weighs a feature that goes with the label up and reads its rows as likely', () => {
    const m = fitLogistic(rows, labels, 0.1);
    expect(m.weights[0]).toBeGreaterThan(1);
    expect(Math.abs(m.weights[1]!)).toBeLessThan(m.weights[0]!);
    expect(probability(m, [1, 0])).toBeGreaterThan(0.6);
    expect(probability(m, [0, 0])).toBeLessThan(0.4);
  });

  it('reaches the optimum: the penalised gradient is zero there', () => {
    const lambda = 0.5;
    const m = fitLogistic(rows, labels, lambda);
    const g = [0, 0, 0];
    rows.forEach((r, n) => {
      const e = probability(m, r) - labels[n]!;
      g[0]! += e * r[0]!;
      g[1]! += e * r[1]!;
      g[2]! += e;
    });
    expect(Math.abs(g[0]! + lambda * m.weights[0]!)).toBeLessThan(1e-9);
    expect(Math.abs(g[1]! + lambda * m.weights[1]!)).toBeLessThan(1e-9);
    expect(Math.abs(g[2]!)).toBeLessThan(1e-9);
  });

  it('gives the same weights on every run', () => {
    expect(fitLogistic(rows, labels, 1)).toEqual(fitLogistic(rows, labels, 1));
  });

  it('keeps the weight of a feature that separates the classes perfectly finite under the penalty', () => {
    const m = fitLogistic(
      [
        [1, 0],
        [1, 0],
        [0, 0],
        [0, 0],
      ],
      [1, 1, 0, 0],
      1,
    );
    expect(Number.isFinite(m.weights[0])).toBe(true);
    expect(m.weights[0]).toBeGreaterThan(0);
    expect(m.weights[1]).toBe(0);
  });

  it('fits the bias alone to labels that are all alike, and stays finite', () => {
    const m = fitLogistic([[0], [0], [0]], [0, 0, 0], 1);
    expect(Number.isFinite(m.bias)).toBe(true);
    expect(probability(m, [0])).toBeLessThan(0.01);
  });
});
