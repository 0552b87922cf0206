/** The category tree: reference data written by the migrations. */
import type { Bindings } from '../app.ts'
import { database } from '../lib/db.ts'

export interface CategoryNode {
  slug: string
  name: string
  children: { slug: string; name: string }[]
}

// Categories are reference data written by the migrations, so each isolate reads them once
// (per database binding) instead of on every page that shows a menu or filters by one.
const categoryCache = new WeakMap<D1Database, Promise<CategoryNode[]>>()

async function loadCategoryTree(d1: D1Database): Promise<CategoryNode[]> {
  const rows = await database(d1)
    .selectFrom('categories')
    .selectAll()
    .orderBy('position')
    .orderBy('slug')
    .execute()
  return rows
    .filter((row) => row.parent_slug === null)
    .map((root) => ({
      slug: root.slug,
      name: root.name,
      children: rows
        .filter((row) => row.parent_slug === root.slug)
        .map((row) => ({ slug: row.slug, name: row.name })),
    }))
}

/** The category tree, in display order. */
export function categoryTree(env: Bindings): Promise<CategoryNode[]> {
  let tree = categoryCache.get(env.DB)
  if (!tree) {
    tree = loadCategoryTree(env.DB)
    // A failed read is not cached: the next request tries again.
    tree.catch(() => categoryCache.delete(env.DB))
    categoryCache.set(env.DB, tree)
  }
  return tree
}

/** Where a category sits in the tree: itself, its parent and its children; null if unknown. */
export function findCategory(tree: CategoryNode[], slug: string) {
  for (const root of tree) {
    if (root.slug === slug) return { category: root, parent: null, children: root.children }
    const child = root.children.find((candidate) => candidate.slug === slug)
    if (child) return { category: child, parent: root, children: [] }
  }
  return null
}
