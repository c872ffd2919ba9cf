import { useState } from 'preact/hooks';
import { del, get, items, upload } from '../../api';
import { useAction, useLoad } from '../../hooks';
import { useI18n } from '../../i18n';
import { Async, ConfirmDialog, ErrorMessage, PageHeader, Progress } from '../../components/ui';
import { PluginLogs } from './PluginLogs';

export function AdminPluginsPage() {
  const { t } = useI18n();
  const catalogue = useLoad(() => get('/api/admin/plugins'));
  const plugins = { ...catalogue, data: catalogue.data === undefined ? undefined : items(catalogue.data) };
  const refused: { file: string; code: string; detail: string }[] = catalogue.data?.refused ?? [];
  const [target, setTarget] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number>();
  const [installed, setInstalled] = useState('');
  const [removing, setRemoving] = useState<string | null>(null);
  const [logsOf, setLogsOf] = useState<string | null>(null);
  const install = useAction(async () => {
    if (!file) return;
    setInstalled('');
    setProgress(0);
    try {
      const r = target
        ? await upload('PUT', `/api/admin/plugins/${encodeURIComponent(target)}`, file, setProgress)
        : await upload('POST', '/api/admin/plugins', file, setProgress);
      setInstalled(t('adminPlugins.installed', { id: r?.id ?? file.name, version: r?.version ?? '' }));
      plugins.reload();
    } finally {
      setProgress(undefined);
    }
  });
  const remove = useAction(async (id: string) => {
    await del(`/api/admin/plugins/${encodeURIComponent(id)}`);
    setRemoving(null);
    plugins.reload();
  });
  return (
    <section>
      <PageHeader title={t('adminPlugins.title')} />
      <form
        class="card"
        onSubmit={(e) => {
          e.preventDefault();
          install.run();
        }}
      >
        <div class="field">
          <label for="plugin-archive">{t('adminPlugins.upload')}</label>
          <input id="plugin-archive" type="file" accept=".zip,application/zip" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
        </div>
        {(plugins.data ?? []).length > 0 && (
          <div class="field">
            <label for="plugin-target">{t('adminPlugins.target')}</label>
            <select id="plugin-target" value={target} onChange={(e) => setTarget(e.currentTarget.value)}>
              <option value="">{t('adminPlugins.new')}</option>
              {(plugins.data ?? []).map((p: any) => (
                <option key={p.id} value={p.id}>
                  {t('adminPlugins.upgrade', { id: `${p.id} ${p.version ?? ''}` })}
                </option>
              ))}
            </select>
          </div>
        )}
        <button type="submit" disabled={!file || install.busy} id="plugin-upload">
          {t('adminPlugins.install')}
        </button>
        {progress !== undefined && <Progress value={progress} label={t('adminPlugins.uploading', { pct: Math.round(progress * 100) })} />}
        <ErrorMessage error={install.error} />
        {installed && (
          <p class="ok" role="status" id="plugin-installed">
            {installed}
          </p>
        )}
      </form>
      <Async state={plugins}>
        {(list) =>
          list.length === 0 ? (
            <p class="muted">{t('plugins.empty')}</p>
          ) : (
            <div class="table-wrap">
              <table class="responsive" id="admin-plugins">
                <caption class="sr-only">{t('adminPlugins.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">ID</th>
                    <th scope="col">{t('common.name')}</th>
                    <th scope="col">{t('plugins.version')}</th>
                    <th scope="col">{t('common.status')}</th>
                    <th scope="col">{t('common.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((p: any) => (
                    <tr key={p.id}>
                      <td data-label="ID">
                        <code>{p.id}</code>
                      </td>
                      <td data-label={t('common.name')}>{p.name ?? p.id}</td>
                      <td data-label={t('plugins.version')}>{p.version}</td>
                      <td data-label={t('common.status')}>
                        {p.source ?? ''} {p.inFlight ? `· ${p.inFlight} in flight` : ''}
                      </td>
                      <td data-label={t('common.actions')}>
                        <button type="button" class="secondary" onClick={() => setLogsOf(p.id)} aria-label={`${t('adminPlugins.logs')} ${p.id}`}>
                          {t('adminPlugins.logs')}
                        </button>{' '}
                        <button type="button" class="danger" onClick={() => setRemoving(p.id)} aria-label={`${t('adminPlugins.uninstall')} ${p.id}`}>
                          {t('adminPlugins.uninstall')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Async>
      {logsOf && <PluginLogs id={logsOf} onClose={() => setLogsOf(null)} />}
      {refused.length > 0 && (
        <div class="card">
          <h2>{t('adminPlugins.refused')}</h2>
          <ul>
            {refused.map((r) => (
              <li key={r.file}>
                <code>{r.file}</code>: {r.detail}
              </li>
            ))}
          </ul>
        </div>
      )}
      {removing && (
        <ConfirmDialog
          title={t('adminPlugins.uninstall')}
          message={t('adminPlugins.uninstallConfirm', { id: removing })}
          confirmLabel={t('adminPlugins.uninstall')}
          busy={remove.busy}
          error={remove.error}
          onConfirm={() => remove.run(removing)}
          onCancel={() => setRemoving(null)}
        />
      )}
    </section>
  );
}
