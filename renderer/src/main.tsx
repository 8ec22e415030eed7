import { installChineseZodMessages } from '@shared/errors/zodProblems'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App'
// antd's styles as one prebuilt sheet (the theme's colours reach it as CSS variables): no style is computed while the
// screens render — docs/performance.md “启动”
import 'antd/dist/antd.css'

// Validation problems in Chinese in this process (forms and the command layer).
installChineseZodMessages()

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
