// Invoice JSON (issue 5): money as decimal strings or numbers, lines per meter and plugin.

export interface InvoiceLine {
  lineNo?: number;
  kind?: string;
  description?: string;
  meter?: string | null;
  plugin?: string | null;
  quantity?: number;
  included?: number;
  unitPrice?: string | number;
  amount?: string | number;
}

export interface Invoice {
  id: string;
  period: string;
  status: string;
  currency?: string;
  subtotal?: string | number;
  discountPercent?: string | number;
  discount?: string | number;
  taxPercent?: string | number;
  tax?: string | number;
  total?: string | number;
  issuedAt?: string;
  lines?: InvoiceLine[];
}

function csvCell(value: unknown): string {
  const s = value === null || value === undefined ? '' : String(value);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The invoice as CSV, for when the server does not offer it: one row per line, then the totals. */
export function invoiceCsv(invoice: Invoice): string {
  const rows: unknown[][] = [['line', 'kind', 'description', 'meter', 'plugin', 'quantity', 'included', 'unit_price', 'amount']];
  for (const l of invoice.lines ?? []) {
    rows.push([l.lineNo ?? '', l.kind ?? '', l.description ?? '', l.meter ?? '', l.plugin ?? '', l.quantity ?? '', l.included ?? '', l.unitPrice ?? '', l.amount ?? '']);
  }
  rows.push(['', '', 'subtotal', '', '', '', '', '', invoice.subtotal ?? '']);
  rows.push(['', '', 'discount', '', '', '', '', '', invoice.discount ?? '']);
  rows.push(['', '', 'tax', '', '', '', '', '', invoice.tax ?? '']);
  rows.push(['', '', 'total', '', '', '', '', '', invoice.total ?? '']);
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
