import { installChineseZodMessages } from '@shared/errors/zodProblems'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App'

// Validation problems in Chinese in this process (forms and the command layer).
installChineseZodMessages()

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
