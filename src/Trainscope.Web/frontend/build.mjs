// Bundles the dashboard into dist/: one script, one stylesheet, the page. Run by `npm run build` (and by dotnet build).
import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';

await mkdir('dist', { recursive: true });
await build({
  entryPoints: ['src/app.js'],
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2020',
  outfile: 'dist/app.js',
  legalComments: 'none',
  logLevel: 'warning',
});
await copyFile('src/index.html', 'dist/index.html');
await copyFile('src/favicon.svg', 'dist/favicon.svg');
