// Data files (.tsv/.csv/.html) are imported as strings, as esbuild's `text` loader does in the bundles.
module.exports = { process: (source) => ({ code: `module.exports = ${JSON.stringify(source)};` }) };
