// What a region name looks like (eu-west-1, us-gov-west-1, cn-north-1). On its own, apart from the partition
// table (src/core/aws/partition.ts), so the options page's config code can check one without the AWS code.
const REGION = /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/

export function isRegionName(value: string): boolean {
  return REGION.test(value)
}
