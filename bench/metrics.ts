/** Bench figures of the metrics feature (printed by bench/bench.ts). */
export function benchMetrics(_line: (label: string, value: string) => void): void {}
