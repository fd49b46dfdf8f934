// The pages' side of run-time host permissions (a permission request must come from a user gesture in a page).
export { requestHostPermission } from './permissions'
