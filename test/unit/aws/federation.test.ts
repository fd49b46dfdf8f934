import { describe, expect, it } from 'vitest'
import { describeFailure } from '../../../src/core/aws/error-messages'
import { AwsCallError } from '../../../src/core/aws/errors'
import { consoleDestination, getSigninToken, loginUrl, logoutThenLoginUrl } from '../../../src/core/aws/federation'

const CREDS = {
  accessKeyId: 'ASIAEXAMPLE',
  secretAccessKey: 'se/cr+et=key&x',
  sessionToken: 'tok/en+with=odd&chars%20"quoted"',
  expiration: new Date(0),
}
const ENDPOINT = 'https://signin.aws.amazon.com/federation'

function fakeFetch(status: number, body: string, seen: string[] = []): typeof fetch {
  return (async (input: RequestInfo | URL) => {
    seen.push(String(input))
    return new Response(body, { status })
  }) as typeof fetch
}

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(AwsCallError)
  return (error as AwsCallError).facts
}

describe('getSigninToken', () => {
  it('sends the session JSON as one encoded value and returns the token', async () => {
    const seen: string[] = []
    const token = await getSigninToken(CREDS, {
      endpoint: ENDPOINT,
      fetch: fakeFetch(200, '{"SigninToken":"TOKEN-1"}', seen),
    })
    expect(token).toBe('TOKEN-1')
    const url = new URL(seen[0]!)
    expect(url.origin + url.pathname).toBe(ENDPOINT)
    expect(url.searchParams.get('Action')).toBe('getSigninToken')
    expect(url.searchParams.has('SessionDuration')).toBe(false)
    expect(JSON.parse(url.searchParams.get('Session')!)).toEqual({
      sessionId: CREDS.accessKeyId,
      sessionKey: CREDS.secretAccessKey,
      sessionToken: CREDS.sessionToken,
    })
    // Nothing of the session leaks into other parameters (e.g. an unencoded & or +).
    expect([...url.searchParams.keys()]).toEqual(['Action', 'Session'])
  })

  it('sends SessionDuration only when asked', async () => {
    const seen: string[] = []
    await getSigninToken(CREDS, {
      endpoint: ENDPOINT,
      sessionDuration: 7200,
      fetch: fakeFetch(200, '{"SigninToken":"T"}', seen),
    })
    expect(new URL(seen[0]!).searchParams.get('SessionDuration')).toBe('7200')
  })

  it('treats a non-200 answer as a refusal, without echoing the URL or the body', async () => {
    const facts = await failure(
      getSigninToken(CREDS, {
        endpoint: ENDPOINT,
        sessionDuration: 7200,
        fetch: fakeFetch(400, `bad ${CREDS.sessionToken}`),
      }),
    )
    expect(facts).toMatchObject({
      operation: 'getSigninToken',
      kind: 'http',
      httpStatus: 400,
      host: 'signin.aws.amazon.com',
    })
    const described = describeFailure(facts, { profile: 'dev', sessionDuration: 7200 })
    expect(described.code).toBe('signin-refused')
    expect(described.message).toMatch(/120-minute console session/)
    expect(described.message).not.toContain(CREDS.sessionToken)
    expect(described.message).not.toContain('Session=')
  })

  it('treats an answer without a SigninToken as unreadable', async () => {
    for (const body of ['{}', '<html>nope</html>', '{"SigninToken":""}', '{"SigninToken":5}']) {
      expect((await failure(getSigninToken(CREDS, { endpoint: ENDPOINT, fetch: fakeFetch(200, body) }))).kind).toBe(
        'bad-response',
      )
    }
  })

  it('reports HTTP 5xx as an AWS-side error and network failures as such', async () => {
    expect(
      describeFailure(await failure(getSigninToken(CREDS, { endpoint: ENDPOINT, fetch: fakeFetch(503, '') }))).code,
    ).toBe('aws-server-error')
    const offline = (async () => {
      throw new TypeError('NetworkError when attempting to fetch resource.')
    }) as unknown as typeof fetch
    const facts = await failure(getSigninToken(CREDS, { endpoint: ENDPOINT, fetch: offline }))
    expect(facts.kind).toBe('network')
    expect(describeFailure(facts).message).toMatch(/Could not reach the AWS sign-in service at signin.aws.amazon.com/)
  })

  it('times out a hanging request', async () => {
    const hanging = ((_: unknown, init?: RequestInit) =>
      new Promise((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
      )) as typeof fetch
    const facts = await failure(getSigninToken(CREDS, { endpoint: ENDPOINT, fetch: hanging, timeoutMs: 50 }))
    expect(facts.kind).toBe('timeout')
  })

  it('refuses long-term keys before sending them anywhere', async () => {
    const seen: string[] = []
    const facts = await failure(
      getSigninToken(
        { accessKeyId: 'AKIA', secretAccessKey: 'x' },
        { endpoint: ENDPOINT, fetch: fakeFetch(200, '{}', seen) },
      ),
    )
    expect(facts.kind).toBe('http')
    expect(seen).toHaveLength(0)
  })
})

describe('login URLs', () => {
  const parts = {
    endpoint: ENDPOINT,
    issuer: 'https://rolecall.invalid/relogin?profile=a%20b',
    destination: 'https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#Instances:sort=x&y',
    signinToken: 'tok+/=&',
  }

  it('encodes every parameter of Action=login', () => {
    const url = new URL(loginUrl(parts))
    expect(url.origin + url.pathname).toBe(ENDPOINT)
    expect(url.searchParams.get('Action')).toBe('login')
    expect(url.searchParams.get('Issuer')).toBe(parts.issuer)
    expect(url.searchParams.get('Destination')).toBe(parts.destination)
    expect(url.searchParams.get('SigninToken')).toBe(parts.signinToken)
    expect(url.hash).toBe('')
  })

  it('logs out and logs in in one hop on the us-east-1 sign-in host', () => {
    const url = new URL(logoutThenLoginUrl(parts))
    expect(url.origin + url.pathname).toBe('https://us-east-1.signin.aws.amazon.com/oauth')
    expect(url.searchParams.get('Action')).toBe('logout')
    const login = new URL(url.searchParams.get('redirect_uri')!)
    expect(login.origin + login.pathname).toBe('https://us-east-1.signin.aws.amazon.com/federation')
    expect(login.searchParams.get('SigninToken')).toBe(parts.signinToken)
    expect(login.searchParams.get('Destination')).toBe(parts.destination)
  })

  it('keeps a custom sign-in host for the logout hop', () => {
    const url = new URL(logoutThenLoginUrl({ ...parts, endpoint: 'http://127.0.0.1:4000/federation' }))
    expect(url.origin + url.pathname).toBe('http://127.0.0.1:4000/oauth')
    expect(new URL(url.searchParams.get('redirect_uri')!).origin).toBe('http://127.0.0.1:4000')
  })
})

describe('consoleDestination', () => {
  it('goes to the region console home by default', () => {
    expect(consoleDestination('eu-west-1', 'aws')).toBe(
      'https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1',
    )
    expect(consoleDestination('cn-north-1', 'aws-cn')).toBe(
      'https://cn-north-1.console.amazonaws.cn/console/home?region=cn-north-1',
    )
  })

  it('adds region to a service path unless it has one', () => {
    expect(consoleDestination('eu-west-1', 'aws', undefined, '/ec2/home')).toBe(
      'https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1',
    )
    expect(consoleDestination('eu-west-1', 'aws', undefined, 's3/home?region=us-east-2')).toBe(
      'https://eu-west-1.console.aws.amazon.com/s3/home?region=us-east-2',
    )
  })

  it('keeps a full console URL (a tab going back to its page) and refuses other sites', () => {
    const deep = 'https://us-east-2.console.aws.amazon.com/lambda/home?region=us-east-2#/functions/f'
    expect(consoleDestination('eu-west-1', 'aws', undefined, deep)).toBe(deep)
    expect(() => consoleDestination('eu-west-1', 'aws', undefined, 'https://evil.example/')).toThrow(/console/)
  })

  it('uses the custom console base', () => {
    expect(consoleDestination('eu-west-1', 'aws', { consoleBase: 'http://127.0.0.1:4000/console' })).toBe(
      'http://127.0.0.1:4000/console/console/home?region=eu-west-1',
    )
  })
})
