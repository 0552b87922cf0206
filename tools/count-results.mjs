#!/usr/bin/env node
/* global process, console */
// Sums vitest's JSON reports (written by `npm test` into .reports/) into the one plain line CI
// reads: `N passed, N failed`. A step that failed before its tests ran counts as one failure.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const dir = process.argv[2] ?? '.reports'
let passed = 0
let failed = 0
let skipped = 0
const expected = ['workers.json', 'browser.json']
for (const name of expected) {
  const file = join(dir, name)
  if (!existsSync(file)) {
    failed += 1
    console.error(`no report ${file}: that test run did not finish`)
    continue
  }
  const report = JSON.parse(readFileSync(file, 'utf8'))
  passed += report.numPassedTests
  failed += report.numFailedTests
  skipped += report.numPendingTests + (report.numTodoTests ?? 0)
}
for (const name of existsSync(dir) ? readdirSync(dir) : []) {
  if (!expected.includes(name)) console.error(`ignoring unexpected report ${name}`)
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
