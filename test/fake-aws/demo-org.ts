// The demo organisation for `npm start` and the e2e tests: one IAM user with an MFA device, roles in five
// accounts (one of them reached by role chaining), and one profile without a role (console via federation).
import type { IamFixture } from './fixture'
import { ssoRoleArn, type IdentityCenterFixture } from './sso/instance'

export const DEMO_PASSPHRASE = 'correct horse battery staple'

export const DEMO_IDENTITY_ACCOUNT = '111111111111'
export const DEMO_USER_NAME = 'demo-user'
export const DEMO_USER_ARN = `arn:aws:iam::${DEMO_IDENTITY_ACCOUNT}:user/${DEMO_USER_NAME}`
export const DEMO_MFA_SERIAL = `arn:aws:iam::${DEMO_IDENTITY_ACCOUNT}:mfa/${DEMO_USER_NAME}`
export const DEMO_MFA_SECRET = 'JBSWY3DPEHPK3PXPROLECALLDEMOTOTP'
export const DEMO_ACCESS_KEY_ID = 'AKIAROLECALLDEMOUSER'
export const DEMO_SECRET_ACCESS_KEY = 'RolecallDemoSecret/NotForRealUse+0123456'
export const DEMO_EXTERNAL_ID = 'rolecall-demo-external-id'

// ---- IAM Identity Center (sso/): one instance, its user, and permission sets in three of the accounts above ----

export const DEMO_SSO_START_URL = 'https://d-9067c0de42.awsapps.com/start'
export const DEMO_SSO_REGION = 'eu-west-1'
export const DEMO_SSO_USER = 'rolecall-demo'
export const DEMO_SSO_PASSWORD = 'Rolecall-Demo-Passw0rd!'
/** Account ids the demo user is assigned, with their permission sets. */
export const DEMO_SSO_ACCOUNTS = {
  dev: { id: '222222222222', permissionSets: ['AdministratorAccess', 'ReadOnlyAccess', 'Billing'] },
  staging: { id: '333333333333', permissionSets: ['AdministratorAccess', 'ReadOnlyAccess', 'PowerUserAccess'] },
  prod: { id: '444444444444', permissionSets: ['ReadOnlyAccess', 'Billing', 'ViewOnlyAccess'] },
} as const
/** Reached from the dev account's AdministratorAccess session by AssumeRole (role chaining from SSO). */
export const DEMO_SSO_CHAIN_ROLE_ARN = 'arn:aws:iam::666666666666:role/SsoDataAnalyst'

/** Profile name → what it signs into. `federation` profiles have no role (GetFederationToken). */
export const DEMO_PROFILES = {
  identity: { account: '111111111111', kind: 'federation' },
  dev: { account: '222222222222', kind: 'role', roleArn: 'arn:aws:iam::222222222222:role/Developer' },
  staging: { account: '333333333333', kind: 'role', roleArn: 'arn:aws:iam::333333333333:role/Developer' },
  prod: { account: '444444444444', kind: 'role', roleArn: 'arn:aws:iam::444444444444:role/ReadOnly' },
  security: { account: '555555555555', kind: 'role', roleArn: 'arn:aws:iam::555555555555:role/Auditor' },
  data: {
    account: '666666666666',
    kind: 'chained-role',
    roleArn: 'arn:aws:iam::666666666666:role/DataEngineer',
    via: 'dev',
  },
} as const

const trustsDemoUserWithMfa = [{ principals: [DEMO_USER_ARN], mfaRequired: true }]

export const demoOrg: IamFixture = {
  accounts: [
    {
      id: DEMO_IDENTITY_ACCOUNT,
      alias: 'rolecall-identity',
      users: [
        {
          name: DEMO_USER_NAME,
          accessKeys: [{ accessKeyId: DEMO_ACCESS_KEY_ID, secretAccessKey: DEMO_SECRET_ACCESS_KEY }],
          mfaDevices: [{ name: DEMO_USER_NAME, secret: DEMO_MFA_SECRET }],
        },
      ],
    },
    {
      id: '222222222222',
      alias: 'rolecall-dev',
      roles: [{ name: 'Developer', maxSessionDuration: 43200, trust: trustsDemoUserWithMfa }],
    },
    {
      id: '333333333333',
      alias: 'rolecall-staging',
      roles: [{ name: 'Developer', maxSessionDuration: 14400, trust: trustsDemoUserWithMfa }],
    },
    { id: '444444444444', alias: 'rolecall-prod', roles: [{ name: 'ReadOnly', trust: trustsDemoUserWithMfa }] },
    {
      id: '555555555555',
      alias: 'rolecall-security',
      roles: [
        {
          name: 'Auditor',
          maxSessionDuration: 7200,
          trust: [{ principals: [DEMO_USER_ARN], mfaRequired: true, externalId: DEMO_EXTERNAL_ID }],
        },
      ],
    },
    {
      id: '666666666666',
      alias: 'rolecall-data',
      // Trusts the dev Developer role, not the user: reaching it is role chaining (1-hour sessions at most).
      roles: [
        {
          name: 'DataEngineer',
          maxSessionDuration: 14400,
          trust: [{ principals: ['arn:aws:iam::222222222222:role/Developer'] }],
        },
        // Trusts the Identity Center role of AdministratorAccess in dev: the chained SSO profile (DEMO_SSO_CONFIG).
        {
          name: 'SsoDataAnalyst',
          trust: [{ principals: [ssoRoleArn(DEMO_SSO_ACCOUNTS.dev.id, 'AdministratorAccess', DEMO_SSO_REGION)] }],
        },
      ],
    },
  ],
}

/** What a user of the demo pastes as ~/.aws/config. */
export const DEMO_AWS_CONFIG = `# Rolecall demo organisation, served by the local AWS stand-in.
# "identity" has no role: its console opens through GetFederationToken.
[profile identity]
region = eu-west-1

[profile dev]
source_profile = identity
role_arn = ${DEMO_PROFILES.dev.roleArn}
mfa_serial = ${DEMO_MFA_SERIAL}
region = eu-west-1
color = 1d8102

[profile staging]
source_profile = identity
role_arn = ${DEMO_PROFILES.staging.roleArn}
mfa_serial = ${DEMO_MFA_SERIAL}
region = eu-central-1

[profile prod]
source_profile = identity
role_arn = ${DEMO_PROFILES.prod.roleArn}
mfa_serial = ${DEMO_MFA_SERIAL}
region = us-east-1
color = d13212

[profile security]
source_profile = identity
role_arn = ${DEMO_PROFILES.security.roleArn}
mfa_serial = ${DEMO_MFA_SERIAL}
external_id = ${DEMO_EXTERNAL_ID}
region = eu-west-1

# Role chaining: assumed with the dev role's credentials.
[profile data]
source_profile = dev
role_arn = ${DEMO_PROFILES.data.roleArn}
region = us-west-2
`

/** The base keys, as ~/.aws/credentials holds them (they go straight into Rolecall's vault). */
export const DEMO_AWS_CREDENTIALS = `[identity]
aws_access_key_id = ${DEMO_ACCESS_KEY_ID}
aws_secret_access_key = ${DEMO_SECRET_ACCESS_KEY}
`

export const DEMO_IDENTITY_CENTER: IdentityCenterFixture = {
  startUrl: DEMO_SSO_START_URL,
  region: DEMO_SSO_REGION,
  managementAccountId: DEMO_IDENTITY_ACCOUNT,
  user: { name: DEMO_SSO_USER, password: DEMO_SSO_PASSWORD, email: 'rolecall-demo@example.com' },
  accounts: Object.entries(DEMO_SSO_ACCOUNTS).map(([name, a]) => ({
    id: a.id,
    name: `rolecall-${name}`,
    email: `aws+rolecall-${name}@example.com`,
    // Billing with a longer session, as an administrator may set one (PT4H).
    permissionSets: a.permissionSets.map((p) =>
      p === 'Billing' ? { name: p, sessionDurationSeconds: 14400 } : { name: p },
    ),
  })),
}

/**
 * A ~/.aws/config for the Identity Center demo: an sso-session with refreshable tokens, three profiles on it, a
 * legacy profile (start URL in the profile: no refresh token, 8-hour token) and a role chained from an SSO
 * profile. Kept apart from DEMO_AWS_CONFIG, whose profiles other tests count.
 */
export const DEMO_SSO_CONFIG = `# Rolecall demo: IAM Identity Center, served by the local AWS stand-in.
[sso-session demo]
sso_start_url = ${DEMO_SSO_START_URL}
sso_region = ${DEMO_SSO_REGION}
sso_registration_scopes = sso:account:access

[profile sso-dev-admin]
sso_session = demo
sso_account_id = ${DEMO_SSO_ACCOUNTS.dev.id}
sso_role_name = AdministratorAccess
region = eu-west-1

[profile sso-staging-readonly]
sso_session = demo
sso_account_id = ${DEMO_SSO_ACCOUNTS.staging.id}
sso_role_name = ReadOnlyAccess
region = eu-central-1

[profile sso-prod-billing]
sso_session = demo
sso_account_id = ${DEMO_SSO_ACCOUNTS.prod.id}
sso_role_name = Billing
region = us-east-1

# Legacy form: the start URL in the profile (no sso-session, no refresh token).
[profile sso-legacy]
sso_start_url = ${DEMO_SSO_START_URL}
sso_region = ${DEMO_SSO_REGION}
sso_account_id = ${DEMO_SSO_ACCOUNTS.staging.id}
sso_role_name = AdministratorAccess
region = eu-west-1

# Role chaining from an SSO profile.
[profile sso-data]
source_profile = sso-dev-admin
role_arn = ${DEMO_SSO_CHAIN_ROLE_ARN}
region = us-west-2
`
