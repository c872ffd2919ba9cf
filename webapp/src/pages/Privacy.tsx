import { useEffect, useState } from 'preact/hooks';
import { post, get, put, request, saveBlob } from '../api';
import { asApiError, useAction, useLoad } from '../hooks';
import { formatDate, useI18n } from '../i18n';
import { ErrorMessage, PageHeader, Progress } from '../components/ui';
import type { ApiError } from '../api';

/** An export of the tenant's data as the server reports it (docs/privacy.md). */
export interface TenantExportJob {
  id: string;
  state: 'running' | 'done' | 'failed';
  percent: number;
  rows: number;
  step: string;
  startedAt: string;
  finishedAt: string | null;
  download?: string;
  expiresAt?: string;
}

const POLL_MS = 500;

/** The owner's data export: started in the background, its progress polled, then downloaded. */
export function PrivacyPage() {
  const { t, lang } = useI18n();
  const [job, setJob] = useState<TenantExportJob>();
  const [error, setError] = useState<ApiError>();
  useEffect(() => {
    if (job?.state !== 'running') return;
    const timer = setTimeout(async () => {
      try {
        setJob(await get<TenantExportJob>(`/api/tenant/exports/${job.id}`));
      } catch (e) {
        setError(asApiError(e));
      }
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [job]);
  const start = async () => {
    setError(undefined);
    try {
      setJob(await post<TenantExportJob>('/api/tenant/exports'));
    } catch (e) {
      setError(asApiError(e));
    }
  };
  const download = async (done: TenantExportJob) => {
    try {
      const response = await request('GET', done.download!, { accept: 'application/zip' });
      saveBlob(await response.blob(), `atrium-export-${done.id}.zip`);
    } catch (e) {
      setError(asApiError(e));
    }
  };
  return (
    <section>
      <PageHeader title={t('privacy.title')} />
      <RetentionForm />
      <p>{t('privacy.exportIntro')}</p>
      <button type="button" id="export-start" onClick={start} disabled={job?.state === 'running'}>
        {t('privacy.exportStart')}
      </button>
      {error && <ErrorMessage error={error} />}
      {job && (
        <div id="export-status" aria-live="polite">
          {job.state === 'running' && (
            <Progress value={job.percent / 100} label={t('privacy.exportProgress', { percent: job.percent, rows: job.rows })} />
          )}
          {job.state === 'failed' && <p class="error">{t('privacy.exportFailed')}</p>}
          {job.state === 'done' && (
            <p>
              {t('privacy.exportDone', { rows: job.rows, until: formatDate(job.expiresAt!, lang) })}{' '}
              <button type="button" class="secondary" id="export-download" onClick={() => download(job)}>
                {t('privacy.exportDownload')}
              </button>
            </p>
          )}
        </div>
      )}
    </section>
  );
}

/** How many days the tenant keeps each kind of data; null keeps it until deleted (docs/privacy.md). */
export interface Retention {
  conversationDays: number | null;
  draftDays: number | null;
  requestLogDays: number | null;
  auditLogDays: number | null;
  requestLogMaxDays: number;
}

const RETAINED = ['conversationDays', 'draftDays', 'requestLogDays', 'auditLogDays'] as const;
type Retained = (typeof RETAINED)[number];

/** Retention days as the form edits them: a blank field keeps until deleted. */
export function retentionBody(fields: Record<Retained, string>): Record<Retained, number | null> {
  const body = {} as Record<Retained, number | null>;
  for (const field of RETAINED) {
    const text = fields[field].trim();
    body[field] = text === '' ? null : Number(text);
  }
  return body;
}

/** The owner's retention settings: days per kind of data, blank to keep until deleted. */
function RetentionForm() {
  const { t } = useI18n();
  const loaded = useLoad(() => get<Retention>('/api/tenant/retention'), []);
  const [fields, setFields] = useState<Record<Retained, string>>({
    conversationDays: '',
    draftDays: '',
    requestLogDays: '',
    auditLogDays: '',
  });
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    const r = loaded.data;
    if (r) {
      setFields({
        conversationDays: r.conversationDays?.toString() ?? '',
        draftDays: r.draftDays?.toString() ?? '',
        requestLogDays: r.requestLogDays?.toString() ?? '',
        auditLogDays: r.auditLogDays?.toString() ?? '',
      });
    }
  }, [loaded.data]);
  const save = useAction(async () => {
    await put<Retention>('/api/tenant/retention', retentionBody(fields));
    setSaved(true);
  });
  const max = loaded.data?.requestLogMaxDays;
  return (
    <section class="card" id="retention" aria-labelledby="retention-title">
      <h2 id="retention-title">{t('retention.title')}</h2>
      <p class="muted">{t('retention.intro')}</p>
      <ErrorMessage error={loaded.error} />
      <form
        class="stack"
        onSubmit={(e) => {
          e.preventDefault();
          setSaved(false);
          save.run();
        }}
      >
        {RETAINED.map((field) => (
          <div class="field" key={field}>
            <label for={`retention-${field}`}>{t(`retention.${field}`)}</label>
            <input
              id={`retention-${field}`}
              type="number"
              min={1}
              max={field === 'requestLogDays' ? max : 36500}
              step={1}
              placeholder={field === 'requestLogDays' && max ? t('retention.platformMax', { days: max }) : t('retention.keep')}
              value={fields[field]}
              onInput={(e) => setFields({ ...fields, [field]: e.currentTarget.value })}
            />
          </div>
        ))}
        <ErrorMessage error={save.error} />
        {saved && !save.error && <p role="status">{t('retention.saved')}</p>}
        <div>
          <button type="submit" id="retention-save" disabled={save.busy || !loaded.data}>
            {t('retention.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
