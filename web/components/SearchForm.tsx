import { FieldShell, describedBy, fieldIds } from './forms'
import { CategoryOptions } from './CategoryOptions'

/** A category and its children, as the category tree gives them. */
export type CategoryOption = {
  slug: string
  name: string
  children: { slug: string; name: string }[]
}

/** The search form's values as they appear in the address (prices in dollars). */
export type SearchValues = {
  q: string
  category: string
  kind: string
  min_price: string
  max_price: string
  sort: string
}

/** The one-box search of the home page and the header of the search page. */
export function SearchBox({ q = '', label = 'Search the stalls' }: { q?: string; label?: string }) {
  return (
    <form class="search-box" role="search" method="get" action="/search">
      <label class="field__label" for="search-box-q">
        {label}
      </label>
      <div class="search-box__row">
        <input
          id="search-box-q"
          class="input"
          type="search"
          name="q"
          value={q}
          maxLength={200}
          placeholder="Prints, mugs, sea glass…"
        />
        <button class="button button--primary" type="submit">
          Search
        </button>
      </div>
    </form>
  )
}

/** The search page's words, filters and sort: a plain GET form, so results have an address. */
export function SearchFilters(props: {
  values: SearchValues
  categories: CategoryOption[]
  errors: Record<string, string>
}) {
  const { values, errors } = props
  return (
    <form class="search-filters card" role="search" method="get" action="/search" novalidate>
      <div class="field">
        <label class="field__label" for={fieldIds('q').id}>
          Words
        </label>
        <input
          id={fieldIds('q').id}
          class="input"
          type="search"
          name="q"
          value={values.q}
          maxLength={200}
        />
      </div>
      <FieldShell name="category" label="Category" required>
        <select id={fieldIds('category').id} class="input" name="category">
          <option value="">All categories</option>
          <CategoryOptions
            categories={props.categories}
            selected={values.category}
            rootLabel={(name) => `All of ${name}`}
          />
        </select>
      </FieldShell>
      <FieldShell name="kind" label="Kind" required>
        <select id={fieldIds('kind').id} class="input" name="kind">
          <option value="">Anything</option>
          <option value="physical" selected={values.kind === 'physical'}>
            Physical pieces
          </option>
          <option value="digital" selected={values.kind === 'digital'}>
            Digital downloads
          </option>
        </select>
      </FieldShell>
      <fieldset class="search-filters__prices">
        <legend class="field__label">Price in dollars</legend>
        <PriceInput
          name="min_price"
          label="From"
          value={values.min_price}
          error={errors.min_price}
        />
        <PriceInput name="max_price" label="To" value={values.max_price} error={errors.max_price} />
      </fieldset>
      <FieldShell name="sort" label="Order" required>
        <select id={fieldIds('sort').id} class="input" name="sort">
          <option value="relevance" selected={values.sort === 'relevance'}>
            Best match
          </option>
          <option value="newest" selected={values.sort === 'newest'}>
            Newest
          </option>
          <option value="price_asc" selected={values.sort === 'price_asc'}>
            Price, low to high
          </option>
          <option value="price_desc" selected={values.sort === 'price_desc'}>
            Price, high to low
          </option>
        </select>
      </FieldShell>
      <p class="actions">
        <button class="button button--primary" type="submit">
          Show results
        </button>
        <a class="button button--secondary" href="/search">
          Clear
        </a>
      </p>
    </form>
  )
}

// Every filter is optional, so none is marked "(optional)": `required` only drops that marker.
function PriceInput(props: { name: string; label: string; value: string; error?: string }) {
  return (
    <FieldShell name={props.name} label={props.label} error={props.error} required>
      <input
        id={fieldIds(props.name).id}
        class="input"
        type="text"
        inputMode="decimal"
        name={props.name}
        value={props.value}
        maxLength={10}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props.name, { error: props.error })}
      />
    </FieldShell>
  )
}
