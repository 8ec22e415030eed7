/** What the case screens show for a staff member of another office: its accounts do not travel with the records. */
export const otherOfficeStaff = '（下级院人员）'

/**
 * A user id → the name shown on the case screens: this office's accounts by their names; the staff of the office
 * a replica comes from (a 基层院's case held by the 市级院 or 省级院: user ids start with that office's code, and
 * accounts are not exchanged) as “（下级院人员）” instead of an internal id. Names the replica itself carries (告知人,
 * 领款人 …) are shown where they are recorded.
 */
export function staffNamer(
  users: readonly { id: string; displayName: string }[] | undefined,
  ownUnit: string,
): (userId: string) => string {
  const names = new Map((users ?? []).map((u) => [u.id, u.displayName]))
  return (userId) => names.get(userId) ?? (userId.startsWith(`${ownUnit}-`) ? userId : otherOfficeStaff)
}
