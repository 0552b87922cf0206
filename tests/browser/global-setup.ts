import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import type { TestProject } from 'vitest/node'

import { startStack } from '../../tools/stack.ts'
import { freePort } from '../../tools/ports.ts'

/** The whole marketplace on free ports with a throwaway database seeded with the demo data. */
export default async function setup(project: TestProject) {
  const persistTo = await mkdtemp(join(tmpdir(), 'fairstall-browser-'))
  const stack = await startStack({
    port: await freePort(),
    emulatorPort: await freePort(),
    persistTo,
    seed: true,
    // The tests make their own listings; the 60-piece demo catalogue would only slow them down.
    demoListings: false,
  })
  project.provide('appUrl', stack.url)
  project.provide('emulatorUrl', stack.emulatorUrl)
  return async () => {
    await stack.stop()
    await rm(persistTo, { recursive: true, force: true })
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string
    emulatorUrl: string
  }
}
