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
/* 序号 and the key columns (案件编号, 申请人) stay at the left while the rest scroll sideways */
.register-table .pin-serial,
.register-table .pin {
  position: sticky;
  z-index: 1;
  background: #fff;
}
.register-table .pin-serial {
  left: 0;
}
.register-table thead .pin-serial,
.register-table thead .pin {
  background: #fafafa;
  z-index: 3;
}
.register-table tfoot .pin-serial,
.register-table tfoot .pin {
  background: #fffbe6;
  z-index: 3;
}
.register-table tbody tr.row:hover td {
  background: #f5f5f5;
}
.register-table .pin-last {
  box-shadow: inset -1px 0 0 #d9d9d9, 4px 0 6px -4px rgba(0, 0, 0, 0.15);
}
${[0, 1, 2, 3].map((i) => `.register-table .pin-${i} { left: var(--pin-${i}); }`).join('\n')}
`

export function ensureRegisterTableStyle(): void {
  if (typeof document === 'undefined' || document.getElementById('register-table-style')) return
  const el = document.createElement('style')
  el.id = 'register-table-style'
  el.textContent = CSS
  document.head.appendChild(el)
}
