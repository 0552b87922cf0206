import type { CategoryOption } from './SearchForm'

/**
 * The options of a category select: each top-level category as a group holding itself (under
 * `rootLabel`, e.g. "All of Art") and its children.
 */
export function CategoryOptions(props: {
  categories: CategoryOption[]
  selected: string | undefined
  rootLabel: (name: string) => string
}) {
  return (
    <>
      {props.categories.map((root) => (
        <optgroup key={root.slug} label={root.name}>
          <option value={root.slug} selected={props.selected === root.slug}>
            {props.rootLabel(root.name)}
          </option>
          {root.children.map((child) => (
            <option key={child.slug} value={child.slug} selected={props.selected === child.slug}>
              {child.name}
            </option>
          ))}
        </optgroup>
      ))}
    </>
  )
}
