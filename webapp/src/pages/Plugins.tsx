import { useState } from 'preact/hooks';
import { get, items, put } from '../api';
import { useAction, useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { hasRole, useSession } from '../session';
import { Async, ErrorMessage, PageHeader, StatusBadge } from '../components/ui';
import { SchemaForm } from '../components/SchemaForm';
import { normalisePlugin, pluginText, type PluginEntry } from '../plugins';

export function PluginsPage() {
  const { t } = useI18n();
  const plugins = useLoad(() => get('/api/plugins').then((p) => items(p).map(normalisePlugin)));
  return (
    <section>
      <PageHeader title={t('plugins.title')} />
      <Async state={plugins}>
        {(list) =>
          list.length === 0 ? (
            <p class="muted">{t('plugins.empty')}</p>
          ) : (
            <div class="plugin-list">
              {list.map((p) => (
                <PluginCard key={p.id} plugin={p} onChanged={plugins.reload} />
              ))}
            </div>
          )
        }
      </Async>
    </section>
  );
}

function PluginCard({ plugin, onChanged }: { plugin: PluginEntry; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const text = pluginText(plugin, lang);
  const { me } = useSession();
  const canManage = hasRole(me, 'admin');
  const [saved, setSaved] = useState(false);
  const toggle = useAction(async () => {
    await put(`/api/plugins/${plugin.id}`, { enabled: !plugin.enabled });
    onChanged();
  });
  const save = useAction(async (settings: Record<string, unknown>) => {
    await put(`/api/plugins/${plugin.id}`, { enabled: plugin.enabled, settings });
    setSaved(true);
    onChanged();
  });
  const headingId = `plugin-${plugin.id}-title`;
  return (
    <article class="card plugin" aria-labelledby={headingId} data-plugin={plugin.id}>
      <div class="plugin-head">
        <div>
          <h2 id={headingId}>{text.name}</h2>
          <p class="muted">
            <code>{plugin.id}</code> {plugin.version && `· ${t('plugins.version')} ${plugin.version}`}
          </p>
        </div>
        <StatusBadge status={plugin.enabled ? 'enabled' : 'disabled'} />
      </div>
      {text.description && <p>{text.description}</p>}
      {canManage && (
        <button
          type="button"
          class={plugin.enabled ? 'secondary' : ''}
          onClick={() => toggle.run()}
          disabled={toggle.busy || (!plugin.enabled && !plugin.allowed)}
          aria-label={`${plugin.enabled ? t('plugins.disable') : t('plugins.enable')} ${text.name}`}
        >
          {plugin.enabled ? t('plugins.disable') : t('plugins.enable')}
        </button>
      )}
      <ErrorMessage error={toggle.error} />
      {plugin.settingsSchema && canManage && (
        <details>
          <summary>{t('plugins.settings')}</summary>
          <SchemaForm
            schema={plugin.settingsSchema}
            value={plugin.settings}
            idPrefix={`settings-${plugin.id}`}
            busy={save.busy}
            onSubmit={(v) => {
              setSaved(false);
              save.run(v);
            }}
          />
          <ErrorMessage error={save.error} />
          {saved && !save.error && (
            <p class="ok" role="status">
              {t('plugins.saved')}
            </p>
          )}
        </details>
      )}
    </article>
  );
}
