import type { Distribution } from './types.ts';

/**
 * A fixed-edge histogram: constant memory however many values arrive, mergeable by adding counts,
 * so worker threads can each keep one and the main thread sums them. Percentiles are read off the
 * bins (the upper edge of the bin holding the percentile), which is what a chart shows anyway.
 */
export interface HistogramState {
  /** Upper edges, ascending; a value goes to the first bin whose edge is ≥ it; the last bin is open. */
  edges: number[];
  counts: number[];
  count: number;
  sum: number;
}

export function createHistogram(edges: number[]): HistogramState {
  return { edges, counts: new Array<number>(edges.length + 1).fill(0), count: 0, sum: 0 };
}

export function addToHistogram(h: HistogramState, value: number): void {
  const { edges } = h;
  // Binary search: these histograms get one call per session, millions per run.
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (value <= edges[mid]!) hi = mid;
    else lo = mid + 1;
  }
  h.counts[lo]!++;
  h.count++;
  h.sum += value;
}

export function mergeHistogram(into: HistogramState, from: HistogramState): void {
  if (into.edges.length !== from.edges.length) throw new Error('cannot merge histograms with different bins');
  for (let i = 0; i < into.counts.length; i++) into.counts[i]! += from.counts[i]!;
  into.count += from.count;
  into.sum += from.sum;
}

function percentile(h: HistogramState, p: number): number {
  if (h.count === 0) return 0;
  const rank = Math.ceil(p * h.count);
  let seen = 0;
  for (let i = 0; i < h.counts.length; i++) {
    seen += h.counts[i]!;
    if (seen >= rank) return i < h.edges.length ? h.edges[i]! : h.edges[h.edges.length - 1]!;
  }
  return h.edges[h.edges.length - 1]!;
}

export function describeHistogram(h: HistogramState): Distribution {
  return {
    count: h.count,
    mean: h.count ? round(h.sum / h.count, 3) : 0,
    p50: percentile(h, 0.5),
    p90: percentile(h, 0.9),
    p99: percentile(h, 0.99),
    bins: [...h.edges],
    counts: [...h.counts],
  };
}

/** Edges growing by `factor` from `first` up to `last`, rounded to integers: log-scale bins for durations. */
export function geometricEdges(first: number, last: number, factor: number): number[] {
  const edges: number[] = [];
  for (let e = first; e < last; e *= factor) {
    const rounded = Math.round(e);
    if (edges.length === 0 || rounded > edges[edges.length - 1]!) edges.push(rounded);
  }
  edges.push(last);
  return edges;
}

export function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
