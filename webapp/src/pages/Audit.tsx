import { useEffect, useState } from 'preact/hooks';
import { get, items } from '../api';
import { asApiError } from '../hooks';
import { formatDate, useI18n } from '../i18n';
import { ErrorMessage, Loading, PageHeader } from '../components/ui';
import type { ApiError } from '../api';

interface AuditEvent {
  id: number;
  actor: string | null;
  /** The e-mail of a `user:<id>` actor, resolved by the server. */
  actorEmail?: string | null;
  action: string;
  target: string | null;
  ip: string | null;
  details: Record<string, unknown> | null;
  occurredAt: string;
  tenantId?: string;
}

const PAGE = 50;

/** The audit log, newest first; "older entries" pages with ?before=<last id>. */
export function AuditPage({ operator }: { operator: boolean }) {
  const { t, lang } = useI18n();
  const [events, setEvents] = useState<AuditEvent[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError>();
  const base = operator ? '/api/admin/audit' : '/api/audit';
  const load = async (before: number | null) => {
    setLoading(true);
    setError(undefined);
    try {
      const page = await get(`${base}?limit=${PAGE}${before ? `&before=${before}` : ''}`);
      setEvents((old) => (before ? [...old, ...items<AuditEvent>(page)] : items<AuditEvent>(page)));
      setNext(page.next ?? null);
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => {
    load(null);
  }, [base]);
  return (
    <section>
      <PageHeader title={t('audit.title')}>
        <button type="button" class="secondary" onClick={() => load(null)}>
          {t('common.refresh')}
        </button>
      </PageHeader>
      <div class="table-wrap">
        <table class="responsive" id="audit-table">
          <caption class="sr-only">{t('audit.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('audit.when')}</th>
              <th scope="col">{t('audit.action')}</th>
              <th scope="col">{t('audit.actor')}</th>
              <th scope="col">{t('audit.target')}</th>
              <th scope="col">{t('audit.ip')}</th>
              <th scope="col">{t('audit.details')}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id}>
                <td data-label={t('audit.when')}>{formatDate(e.occurredAt, lang)}</td>
                <td data-label={t('audit.action')}>
                  <code>{e.action}</code>
                </td>
                <td data-label={t('audit.actor')} title={e.actor ?? undefined}>
                  {e.actorEmail ?? e.actor ?? '—'}
                </td>
                <td data-label={t('audit.target')}>{e.target ?? '—'}</td>
                <td data-label={t('audit.ip')}>{e.ip ?? ''}</td>
                <td data-label={t('audit.details')} class="details">
                  {e.details ? Object.entries(e.details).map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}`).join(', ') : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {loading && <Loading />}
      <ErrorMessage error={error} onRetry={() => load(events.length ? events[events.length - 1].id : null)} />
      {!loading && events.length === 0 && !error && <p class="muted">{t('common.empty')}</p>}
      {next && !loading && (
        <button type="button" class="secondary" onClick={() => load(next)}>
          {t('common.older')}
        </button>
      )}
    </section>
  );
}
