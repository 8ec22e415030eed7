import { Spin } from 'antd'
import { type ComponentType, lazy, type ReactNode, Suspense } from 'react'

/**
 * The screens load on demand (docs/performance.md “启动”): the login screen needs none of them, so the script the
 * app reads before it shows the login form is the shell's alone; each screen's code comes the first time it is opened
 * (then it is in the browser's cache). `onDemand(() => import(…), 'Name')` takes a module's named export.
 */
function onDemandRaw<M, K extends keyof M>(load: () => Promise<M>, name: K) {
  return lazy(async () => ({ default: (await load())[name] as unknown as ComponentType<object> }))
}

/** What shows while a screen's code is read (usually a fraction of a second, the first time only). */
export function ScreenLoading({ children }: { children: ReactNode }) {
  return (
    <Suspense fallback={<Spin size="large" style={{ display: 'block', marginTop: '20vh' }} description="正在打开…" />}>
      {children}
    </Suspense>
  )
}

type Props<T> = T extends ComponentType<infer P> ? P : never
type Screen<C> = ComponentType<Props<C>>
/** A screen loaded on demand, typed as the named export it stands for. */
export const onDemand = <M, K extends keyof M>(load: () => Promise<M>, name: K) =>
  onDemandRaw(load, name) as unknown as Screen<M[K]>
