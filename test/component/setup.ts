// Component tests render Svelte pages in jsdom with the background replaced by a fake `call`.
import '@testing-library/svelte/vitest'
