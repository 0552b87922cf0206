/** Plain data shapes shared by the layout and the pages. No behaviour lives here. */

/** Who is looking at the page: `null` when signed out. */
export type Viewer = { id: string; display_name: string; roles: string[] } | null

/** A one-off message shown once at the top of the next page (after a redirect, usually). */
export type Flash = { kind: 'success' | 'info' | 'error'; message: string }

/** The props every page takes, whatever else it shows. */
export type PageProps = {
  viewer: Viewer
  nonce: string
  csrfToken?: string
  flash?: Flash
}

/** A seller application as the applicant sees it on their account. */
export type OwnApplication = {
  status: 'pending' | 'approved' | 'rejected'
  note: string | null
  created_at: string
  decided_at: string | null
}
