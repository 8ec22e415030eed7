import { z } from 'zod'

/**
 * The channel of the one-store-per-office rule on a shared PC (docs/packaging.md §5). The renderer calls it when it
 * opens the office's records (at start and right after first-run setup); the main process records, in a machine-wide
 * folder, which system account and data folder hold the office's records, and refuses (`store.claimed`) when another
 * account's data folder already does.
 */
export const storeContract = {
  'store:claim': {
    args: z
      .object({
        profile: z.enum(['office', 'demo']),
        unitCode: z.string().regex(/^\d{6}$/),
        unitName: z.string().min(1).max(100),
      })
      .strict(),
    result: z
      .object({
        /** 'held': this account's data folder holds the office on this PC (now or since earlier); 'unchecked': no
         * machine-wide folder (browser mode, demo profile, or the folder cannot be written). */
        status: z.enum(['held', 'unchecked']),
        marker: z.string().optional(),
      })
      .strict(),
  },
} as const
