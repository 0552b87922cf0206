/**
 * The demo catalogue: five listings for each of the dozen demo artists, as the artist would
 * type them into the listing form. Pictures are drawn by tools/demo-art.ts from each title.
 */
import type { ArtFormat, ArtStyle } from './demo-art.ts'

export interface DemoListing {
  title: string
  description: string
  price_cents: number
  kind: 'physical' | 'digital'
  /** Stock of a physical listing. */
  quantity?: number
  shipping_cents?: number
  category: string
  tags: string[]
  style: ArtStyle
  /** How many pictures to upload (the first is the cover). */
  images: number
}

/**
 * Each artist's listings, one a line:
 * `title | description | price in cents | stock, or digital | category | tags | art style | pictures`,
 * and the sentence all their descriptions end with and their shipping price.
 */
const CATALOGUE: Record<string, { footer: string; shipping: number; rows: string[] }> = {
  artist: {
    footer: 'Printed on 100% recycled paper with soy inks; each print is signed and numbered.',
    shipping: 450,
    rows: [
      'Heron at Low Tide | A grey heron waits in the shallows, two colours on warm white. | 3800 | 12 | prints | risograph, birds, coast | abstract | 2',
      'Oystercatchers, Three Colour Riso | Three oystercatchers running the wet sand. | 4200 | 8 | prints | risograph, birds, beach | botanical | 1',
      'Harbour Geometry | Boats, buoys and sea walls reduced to circles and stripes. | 3500 | 15 | prints | risograph, harbour, abstract | abstract | 1',
      'Tern Season Poster | A large poster for the summer the terns came back. | 5500 | 5 | prints | poster, birds, summer | landscape | 2',
      'Coastal Birds Zine (PDF) | Twenty pages of sketches and prints, ready to print at home. | 800 | digital | illustration | zine, birds, download | pattern | 1',
    ],
  },
  noor: {
    footer:
      'Stoneware, food safe and dishwasher safe. Wrapped in recycled paper and sent in a box.',
    shipping: 900,
    rows: [
      'Speckled Bud Vase | A small vase with an oatmeal glaze and a band of blue diamonds. | 4800 | 6 | ceramics | vase, stoneware, blue | ceramic | 2',
      'Tall Terracotta Jug | Holds a litre of water or a bunch of garden flowers. | 7200 | 3 | ceramics | jug, terracotta, kitchen | ceramic | 1',
      'Dotted Breakfast Bowl | A wide bowl for porridge, with a ring of hand-painted dots. | 3200 | 14 | ceramics | bowl, stoneware, breakfast | ceramic | 1',
      'Saffron Moon Jar | A rounded jar glazed saffron, with a hand-cut pattern. | 12500 | 1 | ceramics | jar, one of a kind, yellow | ceramic | 3',
      'Pair of Striped Tumblers | Two cups for water or wine, striped like deckchairs. | 5400 | 9 | ceramics | cups, set, stripes | ceramic | 1',
    ],
  },
  tomas: {
    footer: 'Original work on heavy cotton paper, signed on the back, sent flat between boards.',
    shipping: 1500,
    rows: [
      'Sierra at Dusk | Layered ridges going blue as the sun drops behind them. | 32000 | 1 | paintings | gouache, mountains, original | landscape | 2',
      'Coast Road, Morning | The coast road before the traffic, painted on location. | 28000 | 1 | paintings | acrylic, coast, original | landscape | 1',
      'Pine Valley No. 4 | The fourth of a series on the valley above the village. | 24000 | 1 | paintings | gouache, forest, series | landscape | 1',
      'Red Hills Study | A small study in three reds and a pale sky. | 9500 | 1 | paintings | study, small, red | landscape | 1',
      'Sierra at Dusk, Giclée Print | An archival print of the original, in an edition of fifty. | 6500 | 50 | prints | giclee, mountains, edition | landscape | 1',
    ],
  },
  ingrid: {
    footer: 'Woven on a floor loom; wash cool by hand and dry flat.',
    shipping: 700,
    rows: [
      'Diamond Twill Scarf | Soft lambswool in a diamond twill, long enough to wrap twice. | 8900 | 7 | textiles | scarf, wool, twill | pattern | 2',
      'Linen Tea Towels, Set of Two | Checked linen that gets softer with every wash. | 3600 | 20 | textiles | linen, kitchen, checks | pattern | 1',
      'Madder Red Cushion Cover | Dyed with madder root; zip closure, 45 cm square. | 5800 | 6 | textiles | cushion, natural dye, red | pattern | 1',
      'Zigzag Wall Hanging | A small tapestry in undyed and indigo wool on an oak dowel. | 14500 | 2 | textiles | tapestry, indigo, wall | pattern | 2',
      'Woven Table Runner | Cotton and linen, 180 cm long, with hand-knotted fringes. | 6400 | 4 | textiles | table, linen, runner | pattern | 1',
    ],
  },
  kwame: {
    footer:
      'Finished with food-safe oil and beeswax. Oil it now and then and it will last for decades.',
    shipping: 1100,
    rows: [
      'Walnut Serving Board | A long board with a hanging hole, cut from a single piece. | 7800 | 5 | woodwork | walnut, kitchen, board | wood | 2',
      'Round Oak Cheese Board | A round board of storm-felled oak, 30 cm across. | 5600 | 8 | woodwork | oak, cheese, round | wood | 1',
      'Cherry Chopping Block | A heavy end-grain block that is kind to knives. | 11500 | 3 | woodwork | cherry, chopping, end grain | wood | 1',
      'Ash Bread Board | A thin board for the table, with rounded corners. | 4200 | 10 | woodwork | ash, bread, kitchen | wood | 1',
      'Elm Platter | An oval platter with a wild grain; each one is unique. | 9200 | 2 | woodwork | elm, platter, one of a kind | wood | 1',
    ],
  },
  lena: {
    footer:
      'Download: seamless repeat tiles in PNG at 300 dpi, with a licence for personal and small-batch use.',
    shipping: 0,
    rows: [
      'Scallop Repeat Pattern | Overlapping scallops in sea colours. | 1200 | digital | patterns | repeat, scallop, fabric | pattern | 1',
      'Diamond Grid Repeat | A crisp diamond grid with dotted centres. | 1200 | digital | patterns | repeat, geometric, grid | pattern | 1',
      'Polka Dot Set of Four | Four colourways of a classic dot. | 2400 | digital | patterns | repeat, dots, bundle | pattern | 2',
      'Zigzag Stripe Repeat | Chevron stripes for quilts and gift wrap. | 1200 | digital | patterns | repeat, chevron, quilting | pattern | 1',
      'Checkerboard Printed Fabric | My checkerboard repeat printed on cotton canvas, sold per metre. | 2200 | 30 | textiles | fabric, cotton, checks | pattern | 1',
    ],
  },
  priya: {
    footer: 'Giclée printed on cotton rag paper; sent rolled in a tube.',
    shipping: 500,
    rows: [
      'Runner Bean Study | Climbing beans and their red flowers, drawn in late summer. | 3600 | 25 | illustration | botanical, garden, print | botanical | 2',
      'Wild Fennel | Fennel going to seed at the edge of the allotment. | 3600 | 25 | illustration | botanical, herbs, print | botanical | 1',
      'Hedgerow Leaves | Hawthorn, bramble and elder leaves in autumn colours. | 4200 | 18 | illustration | botanical, autumn, leaves | botanical | 1',
      'Seedheads, Printable | A printable version of my seedheads drawing, A3 and A4. | 900 | digital | illustration | botanical, printable, download | botanical | 1',
      'Allotment Tea Towel | My drawings printed on an organic cotton tea towel. | 1800 | 40 | textiles | tea towel, botanical, cotton | botanical | 1',
    ],
  },
  sami: {
    footer: 'Screen printed by hand, one colour at a time.',
    shipping: 600,
    rows: [
      'Lakeland Screen Print | Five colours of hills around a still lake. | 4500 | 20 | prints | screen print, lake, hills | landscape | 2',
      'Fell Top Sunrise | First light over the fell, in pinks and greys. | 4500 | 16 | prints | screen print, sunrise, fells | landscape | 1',
      'Northern Hills Wallpaper | The Lakeland print as a desktop and phone wallpaper, 4K. | 400 | digital | wallpapers | wallpaper, desktop, hills | landscape | 1',
      'Forest Edge Wallpaper Pack | Six wallpapers for desktop and phone. | 900 | digital | wallpapers | wallpaper, forest, pack | landscape | 1',
      'Pine Ridge, Large Edition | A large print of pines on a ridge, edition of twenty. | 8800 | 20 | prints | screen print, pines, large | landscape | 1',
    ],
  },
  hana: {
    footer: 'Vitreous enamel on fine silver, on an 18-inch chain. Arrives in a small gift box.',
    shipping: 400,
    rows: [
      'Indigo Grid Pendant | A round pendant with a grid of indigo and white. | 6800 | 4 | jewellery | enamel, pendant, blue | pendant | 2',
      'Ochre Diamond Pendant | A diamond-shaped pendant in ochre and rust. | 7200 | 3 | jewellery | enamel, pendant, diamond | pendant | 1',
      'Sea Glass Pendant | Greens and blues like glass found on the beach. | 6800 | 5 | jewellery | enamel, pendant, green | pendant | 1',
      'Copper Sun Pendant | Warm enamel on copper with a bright centre. | 5200 | 6 | jewellery | copper, pendant, sun | pendant | 1',
      'Midnight Checks Pendant | Black and gold checks on a silver disc. | 7500 | 2 | jewellery | enamel, pendant, gold | pendant | 1',
    ],
  },
  rosa: {
    footer: 'Sewn with waxed linen thread so it lies flat; 96 pages of 120 gsm paper.',
    shipping: 450,
    rows: [
      'Marbled A5 Notebook, Moss | Moss and ochre marbled covers with a blank label. | 2800 | 12 | paper | notebook, marbled, green | book | 2',
      'Marbled Sketchbook, Ember | A sketchbook with covers in ember reds. | 3400 | 8 | paper | sketchbook, marbled, red | book | 1',
      'Pocket Journal, Tide | A small journal in blues, for a jacket pocket. | 1900 | 20 | paper | journal, pocket, blue | book | 1',
      'Guest Book, Linen Spine | A large guest book with a linen spine and dotted pages. | 5200 | 4 | paper | guest book, wedding, linen | book | 1',
      'Marbling Papers, Digital Set | Twelve scanned marbled papers for crafts and covers. | 1500 | digital | patterns | marbling, paper, download | pattern | 1',
    ],
  },
  felix: {
    footer: 'Acrylic on canvas, varnished, ready to hang.',
    shipping: 2000,
    rows: [
      'Signal No. 1 | Circles and bars in red and navy, 60 × 45 cm. | 42000 | 1 | paintings | geometric, acrylic, bold | abstract | 2',
      'Signal No. 2 | The second of the series, with a quieter palette. | 42000 | 1 | paintings | geometric, acrylic, canvas | abstract | 1',
      'Crossroads | Triangles and half-moons meeting at a crossroads. | 36000 | 1 | paintings | geometric, canvas, large | abstract | 1',
      'Market Day | Colours of the market in a tight grid. | 29000 | 1 | paintings | abstract, grid, colour | abstract | 1',
      'Signal Series Print | A print of Signal No. 1, edition of thirty. | 5500 | 30 | prints | geometric, print, edition | abstract | 1',
    ],
  },
  maud: {
    footer: 'Designed in the studio and printed locally.',
    shipping: 350,
    rows: [
      'Quiet Valley Postcards | A set of eight postcards of valleys and lakes. | 1600 | 35 | illustration | postcards, landscape, set | landscape | 1',
      'Garden Wall Print | Climbing plants on an old garden wall. | 3000 | 14 | illustration | print, garden, botanical | botanical | 1',
      'Dawn Wallpaper | A soft dawn over hills, for desktop and phone. | 300 | digital | wallpapers | wallpaper, dawn, calm | landscape | 1',
      'Meadow Wallpaper | A meadow at noon, for desktop and phone. | 300 | digital | wallpapers | wallpaper, meadow, green | botanical | 1',
      'Shapes Colouring Pages | Twelve printable colouring pages of playful shapes. | 700 | digital | illustration | colouring, kids, printable | abstract | 1',
    ],
  },
}

function parseRow(row: string, footer: string, shipping: number): DemoListing {
  const [title, text, price, stock, category, tags, style, images] = row.split(' | ')
  if (images === undefined) throw new Error(`demo listing row has too few cells: ${row}`)
  const digital = stock === 'digital'
  return {
    title: title!,
    description: `${text}\n\n${footer}`,
    price_cents: Number(price),
    kind: digital ? 'digital' : 'physical',
    ...(digital ? {} : { quantity: Number(stock), shipping_cents: shipping }),
    category: category!,
    tags: tags!.split(', '),
    style: style as ArtStyle,
    images: Number(images),
  }
}

/** The demo listings of one artist (by email local part), ready to send to the API. */
export function demoListingsOf(handle: string): DemoListing[] {
  const entry = CATALOGUE[handle]
  return entry ? entry.rows.map((row) => parseRow(row, entry.footer, entry.shipping)) : []
}

/** The artists (email local parts) that have demo listings. */
export const DEMO_CATALOGUE_ARTISTS = Object.keys(CATALOGUE)

/** Formats rotate so the upload path sees JPEG, PNG and WebP. */
export const formatFor = (index: number): ArtFormat =>
  (['jpeg', 'png', 'webp'] as const)[index % 3]!
