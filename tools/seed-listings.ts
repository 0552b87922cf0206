/**
 * The demo catalogue, created through the running Worker's own API as each artist (sign in,
 * create, upload pictures, publish), so `npm run dev` shows a living marketplace and the seed
 * exercises the same pipeline a real seller does.
 */
import { renderArt } from './demo-art.ts'
import {
  DEMO_CATALOGUE_ARTISTS,
  type DemoListing,
  demoListingsOf,
  formatFor,
} from './demo-catalogue.ts'
import { DEMO_PASSWORD, demoAccountId } from './seed.ts'

/** Artists seeded at the same time: enough to overlap image work with requests on 2 cores. */
const CONCURRENCY = 3

const MIME = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' } as const

/** A minimal API client signed in as one account. */
export class ApiClient {
  constructor(
    private readonly base: string,
    private cookie = '',
  ) {}

  async request(method: string, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' }
    if (this.cookie) headers.cookie = this.cookie
    let payload: BodyInit | undefined
    if (body instanceof FormData) payload = body
    else if (body !== undefined) {
      headers['content-type'] = 'application/json'
      payload = JSON.stringify(body)
    }
    return fetch(`${this.base}/api/v1${path}`, { method, headers, body: payload })
  }

  /**
   * Sends a request and returns its JSON, throwing with the answer on any failure. A 503 is
   * retried: `wrangler dev` answers it when the Worker reloads mid-request after a file change.
   */
  async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response = await this.request(method, path, body)
    for (let attempt = 1; response.status === 503 && attempt <= 3; attempt++) {
      await response.body?.cancel()
      await new Promise((r) => setTimeout(r, 1000 * attempt))
      response = await this.request(method, path, body)
    }
    const text = await response.text()
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`)
    return JSON.parse(text) as T
  }

  async signIn(email: string, password: string) {
    const response = await this.request('POST', '/session', { email, password })
    if (!response.ok) throw new Error(`signing in ${email}: ${response.status}`)
    // Keep only the name=value pair of each cookie the server set.
    this.cookie = response.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ')
  }
}

/** Whether an artist already has published listings (from an earlier run). */
async function hasPublished(client: ApiClient, handle: string): Promise<boolean> {
  const seller = demoAccountId(`${handle}@demo.coop`)
  const page = await client.json<{ items: unknown[] }>('GET', `/listings?seller=${seller}&limit=1`)
  return page.items.length > 0
}

async function createDemoListing(client: ApiClient, listing: DemoListing, index: number) {
  const { style, images, ...fields } = listing
  const created = await client.json<{ id: string }>('POST', '/listings', {
    ...fields,
    quantity: fields.quantity ?? null,
  })
  for (let i = 0; i < images; i++) {
    const format = formatFor(index + i)
    const bytes = await renderArt(style, `${listing.title}#${i}`, format)
    const form = new FormData()
    form.append(
      'file',
      new Blob([new Uint8Array(bytes)], { type: MIME[format] }),
      `picture-${i + 1}.${format}`,
    )
    await client.json('POST', `/listings/${created.id}/images`, form)
  }
  await client.json('POST', `/listings/${created.id}/publish`)
  return created.id
}

async function seedArtist(baseUrl: string, handle: string): Promise<number> {
  const client = new ApiClient(baseUrl)
  if (await hasPublished(client, handle)) return 0
  await client.signIn(`${handle}@demo.coop`, DEMO_PASSWORD)
  const listings = demoListingsOf(handle)
  for (const [i, listing] of listings.entries()) await createDemoListing(client, listing, i)
  return listings.length
}

/**
 * Creates the demo catalogue through the API of the Worker at `baseUrl`, skipping artists who
 * already have published listings. Returns how many listings it published.
 */
export async function seedDemoListings(baseUrl: string): Promise<number> {
  const queue = [...DEMO_CATALOGUE_ARTISTS]
  const counts: number[] = []
  const worker = async () => {
    for (let handle = queue.shift(); handle; handle = queue.shift()) {
      counts.push(await seedArtist(baseUrl, handle))
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker))
  return counts.reduce((a, b) => a + b, 0)
}
