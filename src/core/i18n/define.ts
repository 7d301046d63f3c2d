/**
 * A feature's messages in both languages. `en` must have exactly the keys of `zh` — the compiler
 * checks it (NoInfer keeps `en` from widening the key set) and test/core/i18n.test.ts checks it again.
 */
export function defineMessages<K extends string>(zh: Record<K, string>, en: Record<NoInfer<K>, string>) {
  return { 'zh-CN': zh, en } as const;
}
