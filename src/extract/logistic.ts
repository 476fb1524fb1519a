/**
 * Logistic regression, small and exact: fitted by Newton's method (iteratively reweighted
 * least squares) with an L2 penalty on the weights, not on the bias. Deterministic: the
 * same rows give the same weights on every run and Node version, so a trained model can
 * be checked against its training data. Pure; rows are numbers the caller computed.
 */

export interface LogisticModel {
  weights: number[];
  bias: number;
}

/** Newton steps at most; a few dozen reach the optimum of a problem this size (it is convex). */
const MAX_STEPS = 50;
/** A step this small is the optimum, to far below any difference a threshold can see. */
const CONVERGED = 1e-12;

export function probability(m: LogisticModel, row: readonly number[]): number {
  let z = m.bias;
  for (let j = 0; j < m.weights.length; j++) z += m.weights[j]! * (row[j] ?? 0);
  return 1 / (1 + Math.exp(-z));
}

/** Fits rows (each of the same length) to labels 0 or 1; lambda is the L2 penalty, > 0 so that a feature seen on one side only stays finite. */
export function fitLogistic(rows: readonly (readonly number[])[], labels: readonly number[], lambda: number): LogisticModel {
  const d = (rows[0]?.length ?? 0) + 1;
  let w = new Array<number>(d).fill(0);
  for (let step = 0; step < MAX_STEPS; step++) {
    const hessian = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    const gradient = new Array<number>(d).fill(0);
    rows.forEach((r, n) => {
      const x = [...r, 1];
      const p = probability({ weights: w.slice(0, -1), bias: w[d - 1]! }, r);
      const s = p * (1 - p);
      for (let j = 0; j < d; j++) {
        gradient[j]! += (p - labels[n]!) * x[j]!;
        for (let k = 0; k < d; k++) hessian[j]![k]! += s * x[j]! * x[k]!;
      }
    });
    for (let j = 0; j < d - 1; j++) {
      gradient[j]! += lambda * w[j]!;
      hessian[j]![j]! += lambda;
    }
    // The bias is not penalised; a whisker keeps the system solvable when every label is alike.
    hessian[d - 1]![d - 1]! += 1e-9;
    const delta = solve(hessian, gradient);
    w = w.map((v, j) => v - delta[j]!);
    if (Math.max(...delta.map(Math.abs)) < CONVERGED) break;
  }
  return { weights: w.slice(0, -1), bias: w[d - 1]! };
}

/** Solves A x = b by Gaussian elimination with partial pivoting (A is symmetric positive definite here). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    [m[c], m[p]] = [m[p]!, m[c]!];
    for (let r = c + 1; r < n; r++) {
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r]![n]!;
    for (let k = r + 1; k < n; k++) s -= m[r]![k]! * x[k]!;
    x[r] = s / m[r]![r]!;
  }
  return x;
}
