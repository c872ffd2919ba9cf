import { useEffect, useState } from 'preact/hooks';
import { post, get, request, saveBlob } from '../api';
import { asApiError } from '../hooks';
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
