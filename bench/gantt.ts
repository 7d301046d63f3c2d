/** Bench figures of the gantt feature (printed by bench/bench.ts). */
export function benchGantt(_line: (label: string, value: string) => void): void {}
