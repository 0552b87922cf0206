/**
 * Builds the browser bundle, web/client.tsx → web/public/assets/client.js, which hydrates the
 * islands. `npm run build` runs it, and so does every start of the local stack (`npm run dev`,
 * `npm run bench`, the browser tests), so a fresh clone never serves pages whose script is a 404.
 * The output is not committed (.gitignore): it is always built from the sources.
 */
import { build } from 'esbuild'
import { fileURLToPath } from 'node:url'

const ROOT = new URL('..', import.meta.url).pathname

/** Bundles and minifies the client; esbuild takes well under a second, so it runs every time. */
export async function buildClient(): Promise<void> {
  await build({
    absWorkingDir: ROOT,
    entryPoints: ['web/client.tsx'],
    outfile: 'web/public/assets/client.js',
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2020',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    logLevel: 'warning',
  })
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildClient()
