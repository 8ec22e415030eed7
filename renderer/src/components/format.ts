/** Display helpers at the edge of the UI. Instants are shown in China time. */
export function formatInstant(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3600_000)
  return d.toISOString().slice(0, 19).replace('T', ' ')
}
