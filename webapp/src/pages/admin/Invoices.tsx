import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, get, items, post } from '../../api';
import { asApiError, useAction, useLoad } from '../../hooks';
import { formatMoney, formatNumber, useI18n } from '../../i18n';
import { Async, ConfirmDialog, ErrorMessage, PageHeader, Progress, StatusBadge } from '../../components/ui';
import { linkClick } from '../../router';
import { BillingClockCard } from './BillingClock';

interface CloseProgress {
  period: string;
  state: string;
  draft: boolean;
  tenantsDone: number;
  invoicesCreated: number;
  tenantsSkipped: number;
  finishedAt: string | null;
  error: string | null;
}

export function lastMonth(now = new Date()): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return d.toISOString().slice(0, 7);
}

/** The operator closes a month (a long job: its progress is polled) and manages the invoices. */
export function AdminInvoicesPage() {
  const { t, lang } = useI18n();
  const [period, setPeriod] = useState(lastMonth);
  const [draft, setDraft] = useState(false);
  const [progress, setProgress] = useState<CloseProgress | null>(null);
  const [pollError, setPollError] = useState<ApiError>();
  const timer = useRef<number>();
  const invoices = useLoad(() => get(`/api/admin/invoices?period=${period}`).then((p) => items(p)), [period]);

  const poll = () => {
    window.clearTimeout(timer.current);
    get<CloseProgress>(`/api/admin/invoices/close?period=${period}`).then(
      (p) => {
        setProgress(p);
        if (!p.finishedAt && !p.error) timer.current = window.setTimeout(poll, 1000);
        else invoices.reload();
      },
      (e) => setPollError(asApiError(e)),
    );
  };
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const start = useAction(async () => {
    setPollError(undefined);
    const p = await post<CloseProgress>(`/api/admin/invoices/close?period=${period}&draft=${draft}`);
    setProgress(p);
    poll();
    return true;
  });
  const transition = useAction(async (id: string, action: 'finalise' | 'void') => {
    await post(`/api/admin/invoices/${id}/${action}`);
    invoices.reload();
  });
  const [confirming, setConfirming] = useState(false);
  const running = progress && !progress.finishedAt && !progress.error;
  return (
    <section>
      <PageHeader title={t('close.title')} />
      <BillingClockCard onAdvanced={(now) => setPeriod(lastMonth(new Date(now)))} />
      <form
        class="card toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          setConfirming(true);
        }}
      >
        <div class="field">
          <label for="close-period">{t('close.period')}</label>
          <input id="close-period" type="month" value={period} onChange={(e) => setPeriod(e.currentTarget.value)} required />
        </div>
        <div class="field checkbox">
          <input id="close-draft" type="checkbox" checked={draft} onChange={(e) => setDraft(e.currentTarget.checked)} />
          <label for="close-draft">{t('close.draft')}</label>
        </div>
        <button type="submit" disabled={start.busy || !!running}>
          {t('close.start')}
        </button>
        <ErrorMessage error={pollError} />
        {progress && (
          <div class="grow" role="status" aria-live="polite">
            {running && <Progress label={t('close.running', { done: progress.tenantsDone })} />}
            {!running && <CloseSummary progress={progress} invoices={invoices.data ?? []} />}
          </div>
        )}
      </form>
      {confirming && (
        <ConfirmDialog
          title={t('close.confirmTitle', { period })}
          message={t(draft ? 'close.confirmDraft' : 'close.confirmFinal', { period })}
          confirmLabel={t('close.start')}
          busy={start.busy}
          error={start.error}
          onCancel={() => setConfirming(false)}
          onConfirm={async () => {
            if (await start.run()) setConfirming(false);
          }}
        />
      )}
      <ErrorMessage error={transition.error} />
      <Async state={invoices}>
        {(list) =>
          list.length === 0 ? (
            <p class="muted">{t('common.empty')}</p>
          ) : (
            <div class="table-wrap">
              <table class="responsive">
                <caption class="sr-only">{t('invoices.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('close.tenant')}</th>
                    <th scope="col">{t('invoices.period')}</th>
                    <th scope="col">{t('common.status')}</th>
                    <th scope="col" class="num">{t('invoices.total')}</th>
                    <th scope="col">{t('common.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((inv: any) => (
                    <tr key={inv.id}>
                      <td data-label={t('close.tenant')}>
                        <a href={`/admin/tenants/${inv.tenantId}`} onClick={linkClick}>
                          {inv.tenantName ?? inv.tenantId}
                        </a>
                      </td>
                      <td data-label={t('invoices.period')}>
                        <a href={`/admin/invoices/${inv.id}`} onClick={linkClick}>
                          {inv.period}
                        </a>
                      </td>
                      <td data-label={t('common.status')}>
                        <StatusBadge status={inv.status} />
                      </td>
                      <td data-label={t('invoices.total')} class="num">
                        {formatMoney(inv.total, inv.currency, lang)}
                      </td>
                      <td data-label={t('common.actions')} class="row-actions">
                        {inv.status === 'draft' && (
                          <button type="button" class="secondary" onClick={() => transition.run(inv.id, 'finalise')}>
                            {t('close.finalise')}
                          </button>
                        )}
                        {inv.status !== 'void' && (
                          <button type="button" class="danger" onClick={() => transition.run(inv.id, 'void')}>
                            {t('close.void')}
                          </button>
                        )}
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

/** What a finished close did: invoices created, tenants skipped, the month's invoiced total, errors. */
function CloseSummary({ progress, invoices }: { progress: CloseProgress; invoices: any[] }) {
  const { t, lang } = useI18n();
  const live = invoices.filter((i) => i.status !== 'void');
  const currency = live[0]?.currency;
  const total = live.reduce((sum, i) => sum + Number(i.total ?? 0), 0);
  return (
    <div class={progress.error ? 'error close-summary' : 'ok close-summary'}>
      <h2>{t(progress.error ? 'close.failed' : 'close.done', { period: progress.period })}</h2>
      <dl>
        <dt>{t('close.created')}</dt>
        <dd>{formatNumber(progress.invoicesCreated, lang)}</dd>
        <dt>{t('close.skipped')}</dt>
        <dd>{formatNumber(progress.tenantsSkipped, lang)}</dd>
        <dt>{t('close.tenantsDone')}</dt>
        <dd>{formatNumber(progress.tenantsDone, lang)}</dd>
        <dt>{t('close.invoiced')}</dt>
        <dd>{t('close.invoicedTotal', { count: live.length, total: formatMoney(total, currency, lang) })}</dd>
      </dl>
      {progress.error && <p>{progress.error}</p>}
    </div>
  );
}
