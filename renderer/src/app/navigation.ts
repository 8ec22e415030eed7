/**
 * The areas of work, in the order of the left navigation: the screens of the access table (shared/domain/access.ts),
 * which also says which roles open each. An area whose work is not built yet shows 本功能尚未开放, never fake data.
 */
export {
  isScreenKey as isAreaKey,
  type ScreenKey as AreaKey,
  screens as areas,
} from '@shared/domain/access'
