// The page a tab is sent to when it reached the Issuer address and Rolecall refused to sign it in
// (src/background/relogin/issuer-gate.ts). It only shows the reason; it has no other powers.
import '../ui/theme.css'

const reason = new URLSearchParams(location.search).get('reason') ?? ''
document.getElementById('reason')!.textContent = reason.slice(0, 300)
