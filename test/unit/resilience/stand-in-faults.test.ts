// The stand-in's fault injection (test/fake-aws/faults.ts) against the real STS and sign-in adapters: each
// fault kind becomes the failure a user would meet with real AWS (a 500, no answer, a reply cut off, a reset
// connection), described by error-messages.ts with what failed and what to do; a held request waits for
// release. Also what the adapters do about retries: one 500 is retried silently, a call carrying an MFA code
// never is (a retry could replay a code AWS already used).
import { afterAll, beforeAll, afterEach, describe, expect, it } from 'vitest'
import { describeFailure } from '../../../src/core/aws/error-messages'
import { AwsCallError, type AwsCallFacts } from '../../../src/core/aws/errors'
import { createFetchSignin } from '../../../src/core/aws/federation'
import { createSdkSts, type StsTarget } from '../../../src/core/aws/sts'
import { DEMO_ACCESS_KEY_ID, DEMO_MFA_SERIAL, DEMO_PROFILES, DEMO_SECRET_ACCESS_KEY } from '../../fake-aws/demo-org'
import { startFakeAws, type FakeAws, type FaultKind } from '../../fake-aws/index'

const KEYS = { accessKeyId: DEMO_ACCESS_KEY_ID, secretAccessKey: DEMO_SECRET_ACCESS_KEY }
let aws: FakeAws
let at: StsTarget
const sts = createSdkSts({ timeoutMs: 1500 })

beforeAll(async () => {
  aws = await startFakeAws()
  at = { region: 'eu-west-1', endpoint: aws.stsEndpoint }
})
afterEach(() => {
  aws.clearFaults()
  aws.resetCounts()
})
afterAll(() => aws.close())

async function factsOfCall(call: Promise<unknown>): Promise<AwsCallFacts> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(AwsCallError)
  return (error as AwsCallError).facts
}

const federated = () => sts.getFederationToken(at, KEYS, { name: 'fault-test', durationSeconds: 900 })
const signinToken = async () => {
  const { credentials } = await federated()
  return createFetchSignin({ timeoutMs: 1500 }).getSigninToken(credentials, { endpoint: aws.signinEndpoint })
}

describe('STS faults', () => {
  const expected: Record<Exclude<FaultKind, 'hold'>, { kind: AwsCallFacts['kind']; code: string; says: RegExp }> = {
    '500': {
      kind: 'aws-error',
      code: 'aws-server-error',
      says: /^AWS STS had an internal error \(HTTP 500\)\. The problem is on AWS's side; try again in a moment\.$/,
    },
    timeout: {
      kind: 'timeout',
      code: 'timeout',
      says: /^AWS STS at 127\.0\.0\.1:\d+ did not answer .*Check the connection and try again\.$/,
    },
    truncated: {
      kind: 'bad-response',
      code: 'bad-response',
      says: /^AWS STS at 127\.0\.0\.1:\d+ sent an answer Rolecall could not read \(cut off, or not what AWS sends\)\. Try again/,
    },
    reset: {
      kind: 'network',
      code: 'network',
      says: /^Could not reach AWS STS at 127\.0\.0\.1:\d+: .*Check the connection and try again\.$/,
    },
  }
  for (const [kind, want] of Object.entries(expected) as Array<
    [Exclude<FaultKind, 'hold'>, (typeof expected)['500']]
  >) {
    it(`${kind}: becomes "${want.code}", a sentence that says what failed and what to do; the next call works`, async () => {
      const fault = aws.injectFault({ action: 'GetFederationToken', kind, times: Infinity })
      const facts = await factsOfCall(federated())
      expect(facts).toMatchObject({ operation: 'GetFederationToken', kind: want.kind })
      expect(fault.hits).toBeGreaterThanOrEqual(1)
      const failure = describeFailure(facts, { profile: 'identity' })
      expect(failure).toMatchObject({ code: want.code, retryable: true })
      expect(failure.message).toMatch(want.says)
      fault.remove()
      expect((await federated()).federatedUserArn).toMatch(/federated-user\/fault-test$/)
    })
  }

  it('one 500 is retried by the SDK and the caller never sees it; a call with an MFA code is made once', async () => {
    const once = aws.injectFault({ action: 'GetFederationToken', kind: '500' })
    await federated()
    expect(once.hits).toBe(1)
    expect(aws.counts().GetFederationToken).toBe(1)

    const withCode = aws.injectFault({ action: 'GetSessionToken', kind: '500' })
    const code = await aws.unusedTotp(DEMO_MFA_SERIAL)
    const facts = await factsOfCall(sts.getSessionToken(at, KEYS, { serialNumber: DEMO_MFA_SERIAL, tokenCode: code }))
    expect(facts).toMatchObject({ stsCode: 'InternalFailure', httpStatus: 500 })
    expect(withCode.hits).toBe(1)
    // The code was not spent (the 500 came before AWS looked at it): the same code works now.
    expect(
      (await sts.getSessionToken(at, KEYS, { serialNumber: DEMO_MFA_SERIAL, tokenCode: code })).sessionToken,
    ).toBeTruthy()
  })

  it('hold: the request waits until released, then gets the real answer', async () => {
    const fault = aws.injectFault({ action: 'AssumeRole', kind: 'hold' })
    const session = await sts.getSessionToken(at, KEYS, {
      serialNumber: DEMO_MFA_SERIAL,
      tokenCode: await aws.unusedTotp(DEMO_MFA_SERIAL),
    })
    let settled = false
    const assuming = sts
      .assumeRole(at, session, { roleArn: DEMO_PROFILES.dev.roleArn, roleSessionName: 'held' })
      .finally(() => {
        settled = true
      })
    await fault.hit()
    await new Promise((r) => setTimeout(r, 200))
    expect(settled).toBe(false)
    fault.release()
    expect((await assuming).assumedRoleArn).toBe('arn:aws:sts::222222222222:assumed-role/Developer/held')
  })
})

describe('sign-in (getSigninToken) faults', () => {
  const expected: Record<Exclude<FaultKind, 'hold'>, { code: string; says: RegExp }> = {
    '500': {
      code: 'aws-server-error',
      says: /^The AWS sign-in service had an internal error \(HTTP 500\)\. .*try again in a moment\.$/,
    },
    timeout: { code: 'timeout', says: /^The AWS sign-in service at 127\.0\.0\.1:\d+ did not answer .*try again\.$/ },
    truncated: {
      code: 'bad-response',
      says: /^The AWS sign-in service at 127\.0\.0\.1:\d+ sent an answer Rolecall could not read/,
    },
    reset: { code: 'network', says: /^Could not reach the AWS sign-in service at 127\.0\.0\.1:\d+/ },
  }
  for (const [kind, want] of Object.entries(expected) as Array<
    [Exclude<FaultKind, 'hold'>, (typeof expected)['500']]
  >) {
    it(`${kind}: becomes "${want.code}"`, async () => {
      const fault = aws.injectFault({ action: 'getSigninToken', kind })
      const facts = await factsOfCall(signinToken())
      expect(fault.hits).toBe(1)
      const failure = describeFailure(facts, { profile: 'identity' })
      expect(failure).toMatchObject({ code: want.code, retryable: true })
      expect(failure.message).toMatch(want.says)
      expect(await signinToken()).toMatch(/\S{20,}/)
    })
  }
})

describe('the fault injector itself', () => {
  it('matches only its action, counts its hits and stops after `times`', async () => {
    const fault = aws.injectFault({ action: 'AssumeRole', kind: '500', times: 2 })
    await federated()
    expect(fault.hits).toBe(0)
    expect(fault.spec).toEqual({ action: 'AssumeRole', kind: '500', times: 2 })
    await expect(fault.hit(1, 50)).rejects.toThrow(/0 of 1 request/)
  })

  it('refuses a fault that takes no request', () => {
    expect(() => aws.injectFault({ action: 'AssumeRole', kind: '500', times: 0 })).toThrow(/at least one/)
  })
})
