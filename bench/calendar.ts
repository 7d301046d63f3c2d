/** Bench figures of the calendar feature (printed by bench/bench.ts). */
export function benchCalendar(_line: (label: string, value: string) => void): void {}
