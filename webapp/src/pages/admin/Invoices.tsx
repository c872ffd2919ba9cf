import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, get, items, post } from '../../api';
import { asApiError, useAction, useLoad } from '../../hooks';
import { formatMoney, useI18n } from '../../i18n';
import { Async, ErrorMessage, PageHeader, Progress, StatusBadge } from '../../components/ui';

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

function lastMonth(now = new Date()): string {
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
  });
  const transition = useAction(async (id: string, action: 'finalise' | 'void') => {
    await post(`/api/admin/invoices/${id}/${action}`);
    invoices.reload();
  });
  const running = progress && !progress.finishedAt && !progress.error;
  return (
    <section>
      <PageHeader title={t('close.title')} />
      <form
        class="card toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          start.run();
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
        <ErrorMessage error={start.error ?? pollError} />
        {progress && (
          <div class="grow" role="status" aria-live="polite">
            {running && <Progress label={t('common.loading')} />}
            <p>
              {t('close.progress', {
                state: progress.state,
                done: progress.tenantsDone,
                created: progress.invoicesCreated,
                skipped: progress.tenantsSkipped,
              })}
            </p>
            {progress.error && <p class="error">{progress.error}</p>}
          </div>
        )}
      </form>
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
                        <code>{inv.tenantName ?? inv.tenantId}</code>
                      </td>
                      <td data-label={t('invoices.period')}>{inv.period}</td>
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
