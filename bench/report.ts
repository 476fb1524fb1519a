// How a bench section prints: one line per figure, its baseline from the same run, and
// the goal it is held to. A missed goal sets the exit code, so `npm run bench` fails
// loudly instead of printing a number nobody reads.
import { performance } from 'node:perf_hooks';

export interface Goal {
  /** The figure must be at least this (a speed-up ratio). */
  atLeast?: number;
  /** The figure must be at most this (a slowdown ratio, a latency, a size). */
  atMost?: number;
}

export interface Report {
  /** A ratio against a baseline measured in this run. */
  ratio(name: string, value: number, opts: Goal & { baseline: string }): void;
  /** An absolute figure (ms, MiB) with its unit. */
  figure(name: string, value: number, unit: string, opts?: Goal & { baseline?: string }): void;
  /** A line of context (what was measured, on what). */
  note(text: string): void;
}

export interface Section {
  name: string;
  title: string;
  run(report: Report): Promise<void>;
}

export interface Outcome {
  name: string;
  value: number;
  unit: string;
  met: boolean | null;
}

export function consoleReport(outcomes: Outcome[]): Report {
  const line = (name: string, value: number, unit: string, opts: Goal & { baseline?: string }): void => {
    const met = opts.atLeast === undefined && opts.atMost === undefined ? null : (opts.atLeast ?? -Infinity) <= value && value <= (opts.atMost ?? Infinity);
    outcomes.push({ name, value, unit, met });
    const goal = opts.atLeast !== undefined ? `goal >= ${opts.atLeast}${unit}` : opts.atMost !== undefined ? `goal <= ${opts.atMost}${unit}` : '';
    const verdict = met === null ? '' : met ? 'ok' : 'MISSED';
    const fixed = Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(2);
    console.log(
      `  ${name.padEnd(52)} ${`${fixed}${unit}`.padStart(10)}  ${goal.padEnd(16)} ${verdict.padEnd(6)} ${opts.baseline ? `(baseline: ${opts.baseline})` : ''}`,
    );
  };
  return {
    ratio: (name, value, opts) => line(name, value, 'x', opts),
    figure: (name, value, unit, opts = {}) => line(name, value, unit, opts),
    note: (text) => console.log(`  - ${text}`),
  };
}

/** Mean wall time of fn in ms over `rounds` runs after one warm-up. */
export function meanMs(fn: () => unknown, rounds = 5): number {
  fn();
  const t0 = performance.now();
  for (let i = 0; i < rounds; i++) fn();
  return (performance.now() - t0) / rounds;
}

/** The p-th percentile (0..100) of samples, nearest rank. */
export function percentile(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}
