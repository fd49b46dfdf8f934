// The IAM world built from a fixture: look-ups by access key, role ARN and MFA serial, and trust evaluation.
import { createHash } from 'node:crypto'
import type { AccessKeyFixture, IamFixture, RoleFixture, TrustRule } from './fixture'

export interface IamUser {
  accountId: string
  name: string
  arn: string
  userId: string
}

export interface IamRole {
  accountId: string
  name: string
  arn: string
  roleId: string
  maxSessionDuration: number
  trust: TrustRule[]
}

export interface MfaDevice {
  serial: string
  secret: string
  owner: IamUser
}

export interface IamAccount {
  id: string
  alias?: string
  stsDisabledRegions: string[]
}

/** Who is asking, as a trust policy sees it. */
export type Principal =
  | { type: 'user'; user: IamUser }
  | { type: 'assumed-role'; role: IamRole; sessionName: string }
  | { type: 'federated-user'; accountId: string; name: string; user: IamUser }

export function principalArn(p: Principal): string {
  switch (p.type) {
    case 'user':
      return p.user.arn
    case 'assumed-role':
      return `arn:aws:sts::${p.role.accountId}:assumed-role/${p.role.name}/${p.sessionName}`
    case 'federated-user':
      return `arn:aws:sts::${p.accountId}:federated-user/${p.name}`
  }
}

export function principalAccount(p: Principal): string {
  return p.type === 'user' ? p.user.accountId : p.type === 'assumed-role' ? p.role.accountId : p.accountId
}

/** Stable pseudo-unique ids (AIDA…/AROA…) so a fixture need not spell them out. */
function derivedId(prefix: string, seed: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  const digest = createHash('sha256').update(seed).digest()
  return prefix + [...digest.subarray(0, 17)].map((b) => alphabet[b % 32]).join('')
}

export class IamModel {
  private readonly keys = new Map<string, { user: IamUser; key: AccessKeyFixture }>()
  private readonly roles = new Map<string, IamRole>()
  private readonly devices = new Map<string, MfaDevice>()
  private readonly accounts = new Map<string, IamAccount>()

  constructor(fixture: IamFixture) {
    for (const account of fixture.accounts) {
      if (!/^\d{12}$/.test(account.id)) throw new Error(`fixture: account id must be 12 digits, got '${account.id}'`)
      if (this.accounts.has(account.id)) throw new Error(`fixture: account ${account.id} is listed twice`)
      this.accounts.set(account.id, {
        id: account.id,
        ...(account.alias ? { alias: account.alias } : {}),
        stsDisabledRegions: account.stsDisabledRegions ?? [],
      })
      for (const u of account.users ?? []) {
        const arn = `arn:aws:iam::${account.id}:user/${u.name}`
        const user: IamUser = { accountId: account.id, name: u.name, arn, userId: u.userId ?? derivedId('AIDA', arn) }
        for (const key of u.accessKeys) {
          // AKIA… in real life; AWS's own examples use AKIDEXAMPLE, which the shared conformance cases are signed with.
          if (!/^[A-Z0-9]{11,128}$/.test(key.accessKeyId) || key.accessKeyId.startsWith('ASIA'))
            throw new Error(
              `fixture: user ${u.name}: '${key.accessKeyId}' is not a long-term access key id (AKIA + 16 characters)`,
            )
          if (key.secretAccessKey.length !== 40)
            throw new Error(`fixture: user ${u.name}: secret for ${key.accessKeyId} must be 40 characters`)
          if (this.keys.has(key.accessKeyId)) throw new Error(`fixture: access key ${key.accessKeyId} is used twice`)
          this.keys.set(key.accessKeyId, { user, key })
        }
        for (const device of u.mfaDevices ?? []) {
          const serial = `arn:aws:iam::${account.id}:mfa/${device.name}`
          if (!/^[A-Z2-7]+=*$/.test(device.secret))
            throw new Error(`fixture: MFA device ${serial}: secret must be base32`)
          this.devices.set(serial, { serial, secret: device.secret, owner: user })
        }
      }
      for (const r of account.roles ?? []) this.addRole(account.id, r)
    }
  }

  private addRole(accountId: string, r: RoleFixture): void {
    const path = r.path ?? '/'
    const arn = `arn:aws:iam::${accountId}:role${path}${r.name}`
    const max = r.maxSessionDuration ?? 3600
    if (!Number.isInteger(max) || max < 3600 || max > 43200)
      throw new Error(`fixture: role ${arn}: maxSessionDuration must be 3600..43200`)
    this.roles.set(arn, {
      accountId,
      name: r.name,
      arn,
      roleId: r.roleId ?? derivedId('AROA', arn),
      maxSessionDuration: max,
      trust: r.trust,
    })
  }

  /**
   * A role created while the stand-in runs (Identity Center's AWSReservedSSO_… roles, provisioned when first
   * used), in an account that need not be in the fixture. Returns the role already there under that ARN.
   */
  provisionRole(accountId: string, r: RoleFixture): IamRole {
    const existing = this.roles.get(`arn:aws:iam::${accountId}:role${r.path ?? '/'}${r.name}`)
    if (existing) return existing
    if (!this.accounts.has(accountId)) this.accounts.set(accountId, { id: accountId, stsDisabledRegions: [] })
    this.addRole(accountId, r)
    return this.roles.get(`arn:aws:iam::${accountId}:role${r.path ?? '/'}${r.name}`)!
  }

  accessKey(accessKeyId: string): { user: IamUser; secretAccessKey: string; active: boolean } | undefined {
    const found = this.keys.get(accessKeyId)
    return (
      found && {
        user: found.user,
        secretAccessKey: found.key.secretAccessKey,
        active: (found.key.status ?? 'Active') === 'Active',
      }
    )
  }

  role(arn: string): IamRole | undefined {
    return this.roles.get(arn)
  }
  device(serial: string): MfaDevice | undefined {
    return this.devices.get(serial)
  }
  account(id: string): IamAccount | undefined {
    return this.accounts.get(id)
  }
  allDevices(): MfaDevice[] {
    return [...this.devices.values()]
  }
  allRoles(): IamRole[] {
    return [...this.roles.values()]
  }

  /** Does any trust rule of the role let this principal in, given the MFA state and external id? */
  trusts(role: IamRole, caller: Principal, context: { mfaPresent: boolean; externalId?: string }): boolean {
    return role.trust.some(
      (rule) =>
        rule.principals.some((p) => principalMatches(p, caller)) &&
        (!rule.mfaRequired || context.mfaPresent) &&
        (rule.externalId === undefined || rule.externalId === context.externalId),
    )
  }
}

function principalMatches(trusted: string, caller: Principal): boolean {
  const account = principalAccount(caller)
  if (trusted === account || trusted === `arn:aws:iam::${account}:root`) return caller.type !== 'federated-user'
  if (caller.type === 'user') return trusted === caller.user.arn
  // A trust policy names the role (arn:aws:iam::…:role/…) or one specific session of it.
  if (caller.type === 'assumed-role') return trusted === caller.role.arn || trusted === principalArn(caller)
  return trusted === principalArn(caller)
}
