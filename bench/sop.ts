/** Bench figures of the sop feature (printed by bench/bench.ts). */
export function benchSop(_line: (label: string, value: string) => void): void {}
