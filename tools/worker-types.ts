/**
 * `npm run types` writes worker-configuration.d.ts: the bindings and vars of wrangler.toml only.
 * The runtime's own types (Request, R2Bucket, D1Database…) come from `@cloudflare/workers-types`
 * (tsconfig.json), so the generated file stays a few dozen lines.
 *
 * `npm run types:check` (run by `npm test`) generates the same file from the current
 * wrangler.toml into a scratch file and fails when it differs from the committed one, so a
 * binding added to wrangler.toml without `npm run types` is caught before the typecheck.
 */
import { spawnSync } from 'node:child_process'
import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'

const ROOT = new URL('..', import.meta.url).pathname
const WRANGLER = join(ROOT, 'node_modules', 'wrangler', 'bin', 'wrangler.js')
const TYPES_FILE = 'worker-configuration.d.ts'
/** Beside the real file, so the generated `import("./functions/index")` resolves the same. */
const SCRATCH_FILE = '.worker-configuration.check.d.ts'

/**
 * Secrets are typed by hand in functions/app.ts (`Secrets`); an empty env file keeps a
 * developer's own `.dev.vars` out of the generated types, so every machine generates the same.
 */
const FLAGS = ['--strict-vars=false', '--include-runtime=false', '--env-file', '/dev/null']

/** Runs `wrangler types` writing `file`; exits with wrangler's output when it fails. */
function generate(file: string) {
  const result = spawnSync(process.execPath, [WRANGLER, 'types', file, ...FLAGS], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
  })
  if (result.status !== 0) {
    console.error(result.stdout, result.stderr)
    process.exit(result.status ?? 1)
  }
}

if (process.argv.includes('--check')) {
  try {
    generate(SCRATCH_FILE)
    // The header names the command that wrote the file, output path included.
    const fresh = (await readFile(join(ROOT, SCRATCH_FILE), 'utf8')).replaceAll(
      SCRATCH_FILE,
      TYPES_FILE,
    )
    const committed = await readFile(join(ROOT, TYPES_FILE), 'utf8').catch(() => '')
    if (fresh !== committed) {
      console.error(`${TYPES_FILE} is out of date with wrangler.toml: run \`npm run types\`.`)
      process.exitCode = 1
    } else {
      console.log(`${TYPES_FILE} matches wrangler.toml.`)
    }
  } finally {
    await rm(join(ROOT, SCRATCH_FILE), { force: true })
  }
} else {
  generate(TYPES_FILE)
  console.log(`Wrote ${TYPES_FILE} from wrangler.toml.`)
}
