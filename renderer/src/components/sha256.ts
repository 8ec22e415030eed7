/** SHA-256 of a file or a text, as lower-case hex (Web Crypto), for the content hashes kept with scans and documents. */
export async function sha256Hex(content: Blob | string): Promise<string> {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : await content.arrayBuffer()
  const digest = await crypto.subtle.digest('SHA-256', bytes)
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}
