// The HTML a person sees in IAM Identity Center's browser steps, as the stand-in draws them: sign-in (the demo
// user's name and password), consent ("Allow"), the device code form and the results. Wording and layout are
// the stand-in's own; the data-testid names are what e2e tests click.
import { html, page, type RawHtml } from '../html'

/** Hidden fields that carry a request's parameters through each step's form. */
export function hidden(fields: Record<string, string>): RawHtml[] {
  return Object.entries(fields).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`)
}

export function signInPage(action: string, carry: Record<string, string>, error?: string): string {
  return page(
    'Sign in - IAM Identity Center',
    html`<header>AWS access portal</header>
      <main>
        <h1>Sign in</h1>
        ${error ? html`<p class="warn" data-testid="sso-signin-error">${error}</p>` : undefined}
        <form method="post" action="${action}" data-testid="sso-signin-form">
          ${hidden({ ...carry, step: 'signin' })}
          <label>Username <input name="username" autocomplete="username" data-testid="sso-username" /></label>
          <label
            >Password <input name="password" type="password" autocomplete="current-password" data-testid="sso-password"
          /></label>
          <button type="submit" data-testid="sso-signin">Sign in</button>
        </form>
      </main>`,
    { testId: 'sso-signin-page' },
  )
}

export function consentPage(action: string, carry: Record<string, string>, what: string, user: string): string {
  return page(
    'Allow access - IAM Identity Center',
    html`<header>AWS access portal — signed in as ${user}</header>
      <main>
        <h1>Allow ${what} to access your data?</h1>
        <form method="post" action="${action}" data-testid="sso-consent-form">
          ${hidden({ ...carry, step: 'consent' })}
          <button type="submit" name="decision" value="allow" data-testid="sso-allow">Allow access</button>
          <button type="submit" name="decision" value="deny" data-testid="sso-deny">Deny access</button>
        </form>
      </main>`,
    { testId: 'sso-consent-page' },
  )
}

export function userCodePage(action: string, code: string, error?: string): string {
  return page(
    'Authorization requested - IAM Identity Center',
    html`<header>AWS access portal</header>
      <main>
        <h1>Authorization requested</h1>
        <p>
          ${
            code
              ? 'An application or service has requested access. Confirm this code matches the one given to you.'
              : 'Enter the code the application showed you.'
          }
        </p>
        ${error ? html`<p class="warn" data-testid="sso-code-error">${error}</p>` : undefined}
        <form method="post" action="${action}" data-testid="sso-code-form">
          <input type="hidden" name="step" value="code" />
          <label>Code <input name="user_code" value="${code}" data-testid="sso-user-code" /></label>
          <button type="submit" data-testid="sso-confirm-code">${code ? 'Confirm and continue' : 'Next'}</button>
        </form>
      </main>`,
    { testId: 'sso-code-page' },
  )
}

export function resultPage(title: string, text: string, testId: string): string {
  return page(
    `${title} - IAM Identity Center`,
    html`<header>AWS access portal</header>
      <main>
        <h1>${title}</h1>
        <p>${text}</p>
      </main>`,
    { testId },
  )
}
