import { installChineseZodMessages } from '../../shared/errors/zodProblems'

// Every process that validates shows zod's problems in Chinese (shared/errors/zodProblems.ts); so do the tests.
installChineseZodMessages()
