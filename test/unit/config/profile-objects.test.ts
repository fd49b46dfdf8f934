// config.profiles and its profile objects are made when first read (with a [DEFAULT], each profile's on its
// own), yet to every check a caller can make they are plain data, exactly botocore's.
import assert from 'node:assert/strict'
import { describe, expect, test } from 'vitest'
import { parseAwsConfig, resolveProfile } from '../../../src/core/config'

const TEXT =
  '[profile a]\nregion = eu-west-1\n\n[profile b]\nsource_profile = a\nrole_arn = arn:aws:iam::111111111111:role/x\n'
const BOTOCORE = {
  a: { region: 'eu-west-1' },
  b: { source_profile: 'a', role_arn: 'arn:aws:iam::111111111111:role/x' },
}

describe('profile objects', () => {
  test('are plain data to every check a caller can make', () => {
    const { profiles } = parseAwsConfig(TEXT)
    assert.deepStrictEqual(profiles, BOTOCORE) // prototypes and own keys, strictly
    expect(profiles).toStrictEqual(BOTOCORE)
    for (const profile of Object.values(profiles)) {
      expect(Object.getPrototypeOf(profile)).toBe(Object.prototype)
      expect(Reflect.ownKeys(profile)).toEqual(Object.keys(profile))
      expect(Object.getOwnPropertySymbols(profile)).toEqual([])
    }
    assert.deepStrictEqual(structuredClone(profiles), BOTOCORE)
    assert.deepStrictEqual(JSON.parse(JSON.stringify(profiles)), BOTOCORE)
    assert.deepStrictEqual({ ...profiles.a }, BOTOCORE.a)
  })

  test("are botocore's with [DEFAULT] too, and resolution still reads each section's own keys", () => {
    const config = parseAwsConfig(`[DEFAULT]\noutput = json\n${TEXT}`)
    assert.deepStrictEqual(config.profiles, {
      a: { ...BOTOCORE.a, output: 'json' },
      b: { ...BOTOCORE.b, output: 'json' },
    })
    expect(resolveProfile(config, 'b')).toMatchObject({
      roleArn: 'arn:aws:iam::111111111111:role/x',
      source: { name: 'a', region: 'eu-west-1' },
    })
  })
})
