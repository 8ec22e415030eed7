import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { installChineseZodMessages } from '../../../shared/errors/zodProblems'

describe('a missing value says which field to fill, as the forms do', () => {
  it('“请填写证件号码” for an empty 证件号码; “请填写此项” where the field has no name', () => {
    installChineseZodMessages()
    const r = z.object({ idNumber: z.string(), zzUnknown: z.string() }).safeParse({})
    expect(r.error?.issues.map((i) => i.message)).toEqual(['请填写证件号码', '请填写此项'])
  })
})
