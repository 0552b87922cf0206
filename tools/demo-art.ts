/**
 * Generated artwork for the demo catalogue: flat-colour SVG pictures (abstract prints,
 * landscapes, patterned ceramics, textile repeats, botanicals, marbled books) drawn from a
 * seed, so every listing has its own image and every run draws the same ones.
 */
import sharp from 'sharp'

export type ArtStyle =
  'abstract' | 'landscape' | 'ceramic' | 'pattern' | 'botanical' | 'book' | 'wood' | 'pendant'
export type ArtFormat = 'jpeg' | 'png' | 'webp'

export const ART_WIDTH = 1200
export const ART_HEIGHT = 900

/** Five-colour palettes: a background first, then the inks. */
const PALETTES = [
  ['#f4ede1', '#e07a5f', '#3d405b', '#81b29a', '#f2cc8f'],
  ['#fdf6e3', '#264653', '#2a9d8f', '#e9c46a', '#e76f51'],
  ['#f1faee', '#e63946', '#a8dadc', '#457b9d', '#1d3557'],
  ['#fefae0', '#606c38', '#283618', '#dda15e', '#bc6c25'],
  ['#f8f1f1', '#11698e', '#19456b', '#16c79a', '#f8b400'],
  ['#fff8f0', '#9e2a2b', '#540b0e', '#e09f3e', '#335c67'],
  ['#edf2f4', '#2b2d42', '#8d99ae', '#ef233c', '#d90429'],
  ['#f7ede2', '#84a59d', '#f28482', '#f5cac3', '#f6bd60'],
  ['#eae2b7', '#003049', '#d62828', '#f77f00', '#fcbf49'],
  ['#f0ead2', '#6c584c', '#a98467', '#adc178', '#dde5b6'],
  ['#fbf8f3', '#0b132b', '#3a506b', '#5bc0be', '#6fffe9'],
  ['#fff1e6', '#6d597a', '#b56576', '#e56b6f', '#eaac8b'],
]

/** A small deterministic generator (mulberry32) seeded from a string. */
function randomFrom(seed: string) {
  let h = 1779033703 ^ seed.length
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353)
    h = (h << 13) | (h >>> 19)
  }
  let state = h >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    between: (min: number, max: number) => min + next() * (max - min),
    int: (min: number, max: number) => Math.floor(min + next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  }
}

type Random = ReturnType<typeof randomFrom>
const W = ART_WIDTH
const H = ART_HEIGHT
const r1 = (n: number) => Math.round(n * 10) / 10

function abstract(rnd: Random, [bg, ...inks]: string[]): string {
  const cell = rnd.pick([150, 200, 300])
  const shapes: string[] = [`<rect width="${W}" height="${H}" fill="${bg}"/>`]
  for (let y = 0; y < H; y += cell) {
    for (let x = 0; x < W; x += cell) {
      if (rnd.next() < 0.25) continue
      const fill = rnd.pick(inks)
      const cx = x + cell / 2
      const cy = y + cell / 2
      const kind = rnd.int(0, 4)
      if (kind === 0) shapes.push(`<circle cx="${cx}" cy="${cy}" r="${cell / 2}" fill="${fill}"/>`)
      else if (kind === 1)
        shapes.push(`<rect x="${x}" y="${y}" width="${cell}" height="${cell}" fill="${fill}"/>`)
      else if (kind === 2) {
        const [ax, ay] = rnd.pick([
          [x, y],
          [x + cell, y],
          [x + cell, y + cell],
          [x, y + cell],
        ])
        shapes.push(
          `<circle cx="${ax}" cy="${ay}" r="${cell}" fill="${fill}" clip-path="url(#c${x}_${y})"/>`,
        )
        shapes.push(
          `<clipPath id="c${x}_${y}"><rect x="${x}" y="${y}" width="${cell}" height="${cell}"/></clipPath>`,
        )
      } else if (kind === 3) {
        shapes.push(
          `<path d="M${x} ${y + cell}L${cx} ${y}L${x + cell} ${y + cell}Z" fill="${fill}"/>`,
        )
      } else {
        const w = cell / 6
        for (let i = 0; i < 3; i++) {
          shapes.push(
            `<rect x="${x + w * (2 * i + 0.5)}" y="${y}" width="${w}" height="${cell}" fill="${fill}"/>`,
          )
        }
      }
    }
  }
  const big = rnd.pick(inks)
  shapes.push(
    `<circle cx="${rnd.int(200, 1000)}" cy="${rnd.int(200, 700)}" r="${rnd.int(120, 260)}" fill="none" stroke="${big}" stroke-width="${rnd.int(14, 40)}"/>`,
  )
  return shapes.join('')
}

/** A ridge line across the picture, as a closed path filled down to the bottom. */
function ridge(rnd: Random, base: number, amplitude: number): string {
  const waves = [rnd.between(0.5, 2), rnd.between(2, 4), rnd.between(4, 7)]
  const phases = waves.map(() => rnd.between(0, Math.PI * 2))
  const points: string[] = []
  for (let x = 0; x <= W; x += 20) {
    const t = (x / W) * Math.PI * 2
    const y = waves.reduce((sum, k, i) => sum + Math.sin(t * k + phases[i]!) / (i + 1), 0)
    points.push(`${x} ${r1(base - y * amplitude)}`)
  }
  return `M0 ${H}L${points.join('L')}L${W} ${H}Z`
}

function landscape(rnd: Random, [bg, ...inks]: string[]): string {
  const sky = rnd.next() < 0.5 ? bg : inks[3]!
  const parts = [`<rect width="${W}" height="${H}" fill="${sky}"/>`]
  parts.push(
    `<circle cx="${rnd.int(150, 1050)}" cy="${rnd.int(120, 330)}" r="${rnd.int(50, 110)}" fill="${inks[rnd.int(2, 3)]}" opacity="0.9"/>`,
  )
  const layers = rnd.int(3, 5)
  const order = [inks[2], inks[1], inks[0], bg, inks[3]].slice(0, layers)
  for (let i = 0; i < layers; i++) {
    const base = 380 + (i * 480) / layers
    parts.push(
      `<path d="${ridge(rnd, base, 120 - i * 18)}" fill="${order[i % order.length]}" opacity="${0.75 + i * 0.06}"/>`,
    )
    if (i === layers - 2 && rnd.next() < 0.6) {
      for (let t = 0; t < rnd.int(6, 14); t++) {
        const x = rnd.int(0, W)
        const y = base + rnd.int(0, 120)
        const h = rnd.int(40, 100)
        parts.push(
          `<path d="M${x} ${y - h}L${x + h / 3} ${y}L${x - h / 3} ${y}Z" fill="${inks[0]}"/>`,
        )
      }
    }
  }
  return parts.join('')
}

function patternTile(rnd: Random, inks: string[], size: number): string {
  const [a, b, c] = [rnd.pick(inks), rnd.pick(inks), rnd.pick(inks)]
  const half = size / 2
  return rnd.pick([
    `<circle cx="${half}" cy="${half}" r="${size / 4}" fill="${a}"/><circle cx="0" cy="0" r="${size / 8}" fill="${b}"/><circle cx="${size}" cy="${size}" r="${size / 8}" fill="${b}"/>`,
    `<path d="M0 ${half}L${half} 0L${size} ${half}L${half} ${size}Z" fill="${a}"/><circle cx="${half}" cy="${half}" r="${size / 8}" fill="${b}"/>`,
    `<path d="M0 ${size * 0.7}L${size / 4} ${size * 0.3}L${half} ${size * 0.7}L${size * 0.75} ${size * 0.3}L${size} ${size * 0.7}" stroke="${a}" stroke-width="${size / 10}" fill="none"/>`,
    `<rect width="${half}" height="${half}" fill="${a}"/><rect x="${half}" y="${half}" width="${half}" height="${half}" fill="${c}"/>`,
    `<path d="M0 ${size}A${half} ${half} 0 0 1 ${size} ${size}" fill="${a}"/><path d="M${-half} ${half}A${half} ${half} 0 0 1 ${half} ${half}M${half} ${half}A${half} ${half} 0 0 1 ${size * 1.5} ${half}" fill="${b}"/>`,
  ])
}

function pattern(rnd: Random, [bg, ...inks]: string[]): string {
  const size = rnd.pick([60, 80, 100, 150])
  const tile = patternTile(rnd, inks, size)
  return `<defs><pattern id="p" width="${size}" height="${size}" patternUnits="userSpaceOnUse" patternTransform="rotate(${rnd.pick([0, 0, 45, 30])})">${tile}</pattern></defs><rect width="${W}" height="${H}" fill="${bg}"/><rect width="${W}" height="${H}" fill="url(#p)"/>`
}

function ceramic(rnd: Random, [bg, ...inks]: string[]): string {
  const size = rnd.pick([40, 56, 70])
  const tile = patternTile(rnd, inks.slice(0, 3), size)
  const cx = W / 2
  const bottom = 800
  const height = rnd.int(420, 620)
  const [foot, belly, neck, lip] = [
    rnd.int(90, 160),
    rnd.int(180, 290),
    rnd.int(60, 140),
    rnd.int(80, 200),
  ]
  const top = bottom - height
  const right = `L${cx + foot} ${bottom}C${cx + belly * 1.3} ${bottom - height * 0.3} ${cx + belly} ${top + height * 0.45} ${cx + neck} ${top + height * 0.15}L${cx + lip} ${top}`
  const left = `L${cx - lip} ${top}L${cx - neck} ${top + height * 0.15}C${cx - belly} ${top + height * 0.45} ${cx - belly * 1.3} ${bottom - height * 0.3} ${cx - foot} ${bottom}Z`
  const body = `M${cx} ${bottom}${right}${left}`
  const glaze = inks[3]!
  return `<defs><pattern id="g" width="${size}" height="${size}" patternUnits="userSpaceOnUse">${tile}</pattern><clipPath id="v"><path d="${body}"/></clipPath></defs><rect width="${W}" height="${H}" fill="${bg}"/><rect y="${bottom}" width="${W}" height="${H - bottom}" fill="${inks[1]}" opacity="0.25"/><ellipse cx="${cx}" cy="${bottom}" rx="${belly + 40}" ry="22" fill="${inks[1]}" opacity="0.3"/><path d="${body}" fill="${glaze}"/><rect x="0" y="${top + height * 0.3}" width="${W}" height="${height * 0.45}" fill="url(#g)" clip-path="url(#v)"/><ellipse cx="${cx}" cy="${top}" rx="${lip}" ry="${r1(lip / 5)}" fill="${inks[0]}" opacity="0.6"/>`
}

function botanical(rnd: Random, [bg, ...inks]: string[]): string {
  const parts = [`<rect width="${W}" height="${H}" fill="${bg}"/>`]
  for (let s = 0; s < rnd.int(3, 6); s++) {
    const x = rnd.int(150, 1050)
    const lean = rnd.between(-120, 120)
    const top = rnd.int(120, 400)
    const ink = rnd.pick(inks)
    parts.push(
      `<path d="M${x} ${H}Q${x + lean} ${(H + top) / 2} ${x + lean / 2} ${top}" stroke="${ink}" stroke-width="8" fill="none"/>`,
    )
    for (let l = 0; l < rnd.int(4, 8); l++) {
      const t = rnd.between(0.15, 0.95)
      const ly = H - (H - top) * t
      const lx = x + lean * Math.sin(t * Math.PI) * 0.9
      const side = l % 2 === 0 ? 1 : -1
      const len = rnd.int(60, 130)
      parts.push(
        `<path d="M${r1(lx)} ${r1(ly)}q${side * len * 0.5} ${-len * 0.6} ${side * len} ${-len * 0.2}q${-side * len * 0.5} ${len * 0.5} ${-side * len} ${len * 0.2}Z" fill="${rnd.pick(inks)}"/>`,
      )
    }
    if (rnd.next() < 0.6)
      parts.push(
        `<circle cx="${r1(x + lean / 2)}" cy="${top}" r="${rnd.int(24, 50)}" fill="${rnd.pick(inks)}"/>`,
      )
  }
  return parts.join('')
}

function book(rnd: Random, [bg, ...inks]: string[]): string {
  const swirls: string[] = []
  for (let i = 0; i < 26; i++)
    swirls.push(
      `<path d="${ridge(rnd, 60 + i * 28, rnd.between(10, 40))}" fill="${inks[i % 4]}" opacity="0.85"/>`,
    )
  const [x, y, w, h] = [360, 110, 480, 660]
  return `<defs><clipPath id="b"><rect x="${x}" y="${y}" width="${w}" height="${h}" rx="8"/></clipPath></defs><rect width="${W}" height="${H}" fill="${bg}"/><rect x="${x + 18}" y="${y + 18}" width="${w}" height="${h}" rx="8" fill="#000" opacity="0.15"/><g clip-path="url(#b)"><g transform="translate(${x} ${y}) scale(0.4 0.8)">${swirls.join('')}</g></g><rect x="${x}" y="${y}" width="46" height="${h}" fill="${inks[3]}"/><rect x="${x + 150}" y="${y + 230}" width="180" height="110" rx="6" fill="${bg}"/>`
}

function wood(rnd: Random, [bg, ...inks]: string[]): string {
  const tones = ['#8b5a2b', '#a0522d', '#c68e5a', '#6f4518', '#b5835a']
  const grain: string[] = []
  for (let i = 0; i < 34; i++) {
    grain.push(
      `<path d="${ridge(rnd, i * 28, rnd.between(4, 14))}" fill="${rnd.pick(tones)}" opacity="0.35"/>`,
    )
  }
  const round = rnd.next() < 0.5
  const board = round
    ? `<ellipse cx="600" cy="450" rx="340" ry="300"/>`
    : `<rect x="200" y="170" width="800" height="520" rx="60"/>`
  return `<defs><clipPath id="w">${board}</clipPath></defs><rect width="${W}" height="${H}" fill="${bg}"/><rect y="720" width="${W}" height="180" fill="${inks[0]}" opacity="0.2"/><g transform="translate(18 18)" opacity="0.18">${board}</g><g clip-path="url(#w)"><rect width="${W}" height="${H}" fill="${rnd.pick(tones)}"/>${grain.join('')}</g>${round ? '' : `<circle cx="300" cy="430" r="34" fill="${bg}"/>`}`
}

function pendant(rnd: Random, [bg, ...inks]: string[]): string {
  const size = rnd.pick([24, 32, 40])
  const tile = patternTile(rnd, inks.slice(1), size)
  const r = rnd.int(160, 220)
  const cy = 470
  const gold = rnd.pick(['#c9a227', '#b8b8b8', '#b87333'])
  const shape =
    rnd.next() < 0.5
      ? `<circle cx="600" cy="${cy}" r="${r}"/>`
      : `<path d="M600 ${cy - r}L${600 + r} ${cy}L600 ${cy + r}L${600 - r} ${cy}Z"/>`
  return `<defs><pattern id="e" width="${size}" height="${size}" patternUnits="userSpaceOnUse">${tile}</pattern><clipPath id="j">${shape}</clipPath></defs><rect width="${W}" height="${H}" fill="${bg}"/><path d="M300 0L600 ${cy - r - 36}L900 0" stroke="${gold}" stroke-width="6" fill="none"/><circle cx="600" cy="${cy - r - 18}" r="20" fill="none" stroke="${gold}" stroke-width="8"/><g clip-path="url(#j)"><rect width="${W}" height="${H}" fill="${inks[0]}"/><rect width="${W}" height="${H}" fill="url(#e)"/></g><g fill="none" stroke="${gold}" stroke-width="12">${shape}</g>`
}

const DRAW: Record<ArtStyle, (rnd: Random, palette: string[]) => string> = {
  abstract,
  landscape,
  ceramic,
  pattern,
  botanical,
  book,
  wood,
  pendant,
}

/** The SVG source of one picture. */
export function artSvg(style: ArtStyle, seed: string): string {
  const rnd = randomFrom(`${style}:${seed}`)
  const palette = rnd.pick(PALETTES)
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${DRAW[style](rnd, palette)}</svg>`
}

/** One picture rendered to image bytes. */
export async function renderArt(style: ArtStyle, seed: string, format: ArtFormat): Promise<Buffer> {
  const image = sharp(Buffer.from(artSvg(style, seed)))
  if (format === 'jpeg') return image.jpeg({ quality: 82, mozjpeg: true }).toBuffer()
  if (format === 'png') return image.png({ compressionLevel: 6 }).toBuffer()
  return image.webp({ quality: 82 }).toBuffer()
}
