import { get, items, request, saveBlob } from '../api';
import { useAction, useLoad } from '../hooks';
import { formatDate, formatMoney, formatNumber, useI18n } from '../i18n';
import { linkClick } from '../router';
import { Async, ErrorMessage, PageHeader, StatusBadge } from '../components/ui';
import { invoiceCsv, type Invoice, type InvoiceLine } from '../invoice';
import { meterName, usePluginMeters } from '../meters';
import type { PluginEntry } from '../plugins';
import type { Lang, Translate } from '../i18n';

export function InvoicesPage() {
  const { t, lang } = useI18n();
  const invoices = useLoad(() => get('/api/invoices').then((p) => items<Invoice>(p)));
  return (
    <section>
      <PageHeader title={t('invoices.title')} />
      <Async state={invoices}>
        {(list) =>
          list.length === 0 ? (
            <p class="muted">{t('invoices.empty')}</p>
          ) : (
            <div class="table-wrap">
              <table class="responsive">
                <caption class="sr-only">{t('invoices.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('invoices.period')}</th>
                    <th scope="col">{t('common.status')}</th>
                    <th scope="col" class="num">
                      {t('invoices.total')}
                    </th>
                    <th scope="col">{t('common.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((inv) => (
                    <tr key={inv.id}>
                      <td data-label={t('invoices.period')}>{inv.period}</td>
                      <td data-label={t('common.status')}>
                        <StatusBadge status={inv.status} />
                      </td>
                      <td data-label={t('invoices.total')} class="num">
                        {formatMoney(inv.total, inv.currency, lang)}
                      </td>
                      <td data-label={t('common.actions')}>
                        <a href={`/invoices/${inv.id}`} onClick={linkClick} aria-label={`${t('invoices.view')} ${inv.period}`}>
                          {t('invoices.view')}
                        </a>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Async>
    </section>
  );
}

export function InvoiceDetailPage({ id, print, operator = false }: { id: string; print: boolean; operator?: boolean }) {
  const { t, lang } = useI18n();
  // The operator reads any invoice (drafts too) through the admin API; a tenant its own.
  const api = `${operator ? '/api/admin/invoices' : '/api/invoices'}/${encodeURIComponent(id)}`;
  const pages = operator ? '/admin/invoices' : '/invoices';
  const invoice = useLoad(() => get<Invoice>(api), [id]);
  const plugins = usePluginMeters();
  const csv = useAction(async (inv: Invoice) => {
    // The server's CSV when it has one; otherwise the same figures written here.
    let blob: Blob;
    try {
      const response = await request('GET', `${api}?format=csv`, { accept: 'text/csv' });
      const type = response.headers.get('Content-Type') ?? '';
      blob = type.includes('csv') ? await response.blob() : new Blob([invoiceCsv(inv)], { type: 'text/csv' });
    } catch {
      blob = new Blob([invoiceCsv(inv)], { type: 'text/csv' });
    }
    saveBlob(blob, `invoice-${inv.period}.csv`);
  });
  return (
    <section class={print ? 'print-view invoice-doc' : 'invoice-doc'}>
      <div class="no-print">
        <a href={pages} onClick={linkClick}>
          ← {t('invoices.back')}
        </a>
      </div>
      <Async state={invoice}>
        {(inv) => (
          <>
            <PageHeader title={t('invoices.one', { period: inv.period })}>
              <span class="no-print">
                <button type="button" class="secondary" onClick={() => csv.run(inv)} disabled={csv.busy}>
                  {t('invoices.csv')}
                </button>{' '}
                {print ? (
                  <button type="button" onClick={() => window.print()}>
                    {t('invoices.print')}
                  </button>
                ) : (
                  <a class="button secondary" href={`${pages}/${inv.id}/print`} onClick={linkClick}>
                    {t('invoices.print')}
                  </a>
                )}
              </span>
            </PageHeader>
            <ErrorMessage error={csv.error} />
            <dl class="invoice-meta">
              <dt>{t('common.status')}</dt>
              <dd>
                <StatusBadge status={inv.status} />
              </dd>
              <dt>{t('invoices.issued')}</dt>
              <dd>{inv.issuedAt && formatDate(inv.issuedAt, lang)}</dd>
              <dt>{t('invoices.number')}</dt>
              <dd>
                <code>{inv.id}</code>
              </dd>
            </dl>
            <div class="table-wrap">
              <table class="invoice">
                <caption>{t('invoices.lines')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('invoices.description')}</th>
                    <th scope="col" class="num">{t('invoices.quantity')}</th>
                    <th scope="col" class="num">{t('invoices.included')}</th>
                    <th scope="col" class="num">{t('invoices.unitPrice')}</th>
                    <th scope="col" class="num">{t('invoices.amount')}</th>
                  </tr>
                </thead>
                <tbody>
                  {(inv.lines ?? []).map((l, i) => (
                    <tr key={i}>
                      <td>
                        {lineLabel(l, t, lang, plugins)}
                        {l.plugin ? <span class="muted"> · {l.plugin}</span> : null}
                      </td>
                      <td class="num">{formatNumber(l.quantity, lang)}</td>
                      <td class="num">{formatNumber(l.included, lang)}</td>
                      <td class="num">{l.unitPrice === undefined ? '' : formatMoney(l.unitPrice, inv.currency, lang)}</td>
                      <td class="num">{formatMoney(l.amount, inv.currency, lang)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row" colSpan={4}>{t('invoices.subtotal')}</th>
                    <td class="num">{formatMoney(inv.subtotal, inv.currency, lang)}</td>
                  </tr>
                  <tr>
                    <th scope="row" colSpan={4}>
                      {t('invoices.discount')} {inv.discountPercent ? `(${inv.discountPercent}%)` : ''}
                    </th>
                    <td class="num">{formatMoney(inv.discount ?? 0, inv.currency, lang)}</td>
                  </tr>
                  <tr>
                    <th scope="row" colSpan={4}>
                      {t('invoices.tax')} {inv.taxPercent ? `(${inv.taxPercent}%)` : ''}
                    </th>
                    <td class="num">{formatMoney(inv.tax ?? 0, inv.currency, lang)}</td>
                  </tr>
                  <tr class="total">
                    <th scope="row" colSpan={4}>{t('invoices.total')}</th>
                    <td class="num">{formatMoney(inv.total, inv.currency, lang)}</td>
                  </tr>
                </tfoot>
              </table>
            </div>
          </>
        )}
      </Async>
    </section>
  );
}

/** A usage line by its meter's readable name (and its price tier); a fee line as the server wrote it. */
function lineLabel(l: InvoiceLine, t: Translate, lang: Lang, plugins: PluginEntry[]): string {
  if (l.kind !== 'usage' || !l.meter) return l.description ?? l.meter ?? '';
  const tier = /, tier from unit (\d+)$/.exec(l.description ?? '');
  const name = meterName(l.meter, lang, plugins);
  return tier ? `${name} · ${t('invoices.tierFrom', { unit: tier[1] })}` : name;
}
