// Data files bundled as text (esbuild `text` loader; jest test/text-transform.js).
declare module '*.tsv' {
  const text: string;
  export default text;
}
declare module '*.csv' {
  const text: string;
  export default text;
}
declare module '*.html' {
  const text: string;
  export default text;
}
