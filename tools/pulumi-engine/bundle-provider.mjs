// Bundles a provider's entry point and everything it imports into one CommonJS file, so that the
// plugin starts with plain `node` and no node_modules.
//   node tools/pulumi-engine/bundle-provider.mjs <entry.ts> <output.js>
import { build } from 'esbuild';

const [entry, outfile] = process.argv.slice(2);
if (!entry || !outfile) {
  console.error('usage: bundle-provider.mjs <entry.ts> <output.js>');
  process.exit(64);
}

await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
  // ssh2 loads these optional native accelerators inside try/catch and falls back to JavaScript.
  external: ['cpu-features', '*.node'],
});
