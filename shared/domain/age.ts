/**
 * Age in whole years on a day (周岁): the years since the birth date, less one before the birthday of that year
 * (a 29 February birthday falls after 28 February in other years). Dates are 'YYYY-MM-DD'.
 */
export function ageOn(birthDate: string, onDate: string): number {
  const years = Number(onDate.slice(0, 4)) - Number(birthDate.slice(0, 4))
  return years - (onDate.slice(5) < birthDate.slice(5) ? 1 : 0)
}

/** 十八周岁以上的自然人为成年人，不满十八周岁的为未成年人 (民法典 第十七条). */
export const ADULT_AGE = 18

/** True when the person is a minor (未满十八周岁) on the day. */
export function isMinorOn(birthDate: string, onDate: string): boolean {
  return ageOn(birthDate, onDate) < ADULT_AGE
}
