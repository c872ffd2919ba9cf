import { get } from '../../api';
import { useLoad } from '../../hooks';
import { useI18n } from '../../i18n';
import { Async } from '../../components/ui';

/** One entry of a plugin's log ring buffer (GET /api/admin/plugins/{id}/logs). */
export interface PluginLogEntry {
  time: string;
  level: string;
  logger: string;
  thread: string;
  message: string;
  requestId?: string;
  exception?: PluginException;
}

interface PluginException {
  class: string;
  message?: string;
  stackTrace: string[];
  cause?: PluginException;
}

function ExceptionDetails({ exception }: { exception: PluginException }) {
  return (
    <details>
      <summary>
        <code>{exception.class}</code>
        {exception.message ? `: ${exception.message}` : ''}
      </summary>
      <pre>{exception.stackTrace.join('\n')}</pre>
      {exception.cause && <ExceptionDetails exception={exception.cause} />}
    </details>
  );
}

/** The operator's view of a plugin's last log entries and exceptions, newest first. */
export function PluginLogs({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useI18n();
  const logs = useLoad(() => get(`/api/admin/plugins/${encodeURIComponent(id)}/logs`), [id]);
  return (
    <div class="card" id="plugin-logs">
      <h2>{t('adminPlugins.logsTitle', { id })}</h2>
      <p class="muted">{t('adminPlugins.logsHint', { capacity: logs.data?.capacity ?? '' })}</p>
      <div class="row">
        <button type="button" onClick={() => logs.reload()}>
          {t('adminPlugins.logsRefresh')}
        </button>
        <button type="button" class="secondary" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      <Async state={logs}>
        {(body: { data: PluginLogEntry[] }) =>
          body.data.length === 0 ? (
            <p class="muted">{t('adminPlugins.logsEmpty')}</p>
          ) : (
            <div class="table-wrap">
              <table class="responsive">
                <caption class="sr-only">{t('adminPlugins.logsTitle', { id })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('adminPlugins.logsTime')}</th>
                    <th scope="col">{t('adminPlugins.logsLevel')}</th>
                    <th scope="col">{t('adminPlugins.logsMessage')}</th>
                    <th scope="col">{t('adminPlugins.logsRequest')}</th>
                  </tr>
                </thead>
                <tbody>
                  {[...body.data].reverse().map((entry, i) => (
                    <tr key={`${entry.time}-${i}`}>
                      <td data-label={t('adminPlugins.logsTime')}>{new Date(entry.time).toLocaleString()}</td>
                      <td data-label={t('adminPlugins.logsLevel')}>{entry.level}</td>
                      <td data-label={t('adminPlugins.logsMessage')}>
                        {entry.message}
                        {entry.exception && <ExceptionDetails exception={entry.exception} />}
                      </td>
                      <td data-label={t('adminPlugins.logsRequest')}>{entry.requestId ? <code>{entry.requestId}</code> : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Async>
    </div>
  );
}
