import type { ExtPage } from './ext-page'

/** What a journey needs from a browser with Rolecall loaded, the same in Chromium and Firefox. */
export interface ExtensionBrowser {
  readonly name: 'chromium' | 'firefox'
  /** chrome-extension://<id>/ or moz-extension://<uuid>/ */
  readonly baseUrl: string
  /** Opens a page: a path inside the extension (e.g. "src/popup/index.html") or a full URL. */
  openPage(url: string, size?: PageSize): Promise<ExtPage>
  close(): Promise<void>
}

export interface PageSize {
  width: number
  height: number
}

export const POPUP = 'src/popup/index.html'
/** Roughly what a toolbar popup gets: open POPUP with this size so screenshots look like the real thing. */
export const POPUP_SIZE: PageSize = { width: 380, height: 600 }
export const OPTIONS = 'src/options/index.html'
