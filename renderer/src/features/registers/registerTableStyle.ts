/**
 * The register grid's cell styles (RegisterView.tsx) as one stylesheet of classes, so rows scrolling into view set
 * no inline styles. Inserted once into the document (the app's CSP allows inline styles, as antd's own do).
 */
const CSS = `
.register-table th,
.register-table td {
  white-space: nowrap;
  overflow: hidden;
  text-overflow: ellipsis;
}
.register-table th {
  padding: 6px 8px;
  border-bottom: 1px solid #e8e8e8;
  font-weight: 600;
  text-align: left;
  user-select: none;
}
.register-table td {
  padding: 4px 8px;
  border-bottom: 1px solid #f5f5f5;
  text-align: left;
  font-variant-numeric: tabular-nums;
}
.register-table th.num,
.register-table td.num {
  text-align: right;
}
.register-table tbody tr.row {
  height: 32px;
}
`

export function ensureRegisterTableStyle(): void {
  if (typeof document === 'undefined' || document.getElementById('register-table-style')) return
  const el = document.createElement('style')
  el.id = 'register-table-style'
  el.textContent = CSS
  document.head.appendChild(el)
}
