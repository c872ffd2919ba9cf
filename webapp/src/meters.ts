import { useContext, useEffect, useState } from 'preact/hooks';
import { get, getToken, items } from './api';
import type { Lang } from './i18n';
import { normalisePlugin, pluginText, type PluginEntry } from './plugins';
import { SessionContext, isOperator } from './session';

// People read meters by name, not by their billing identifiers: the platform's meters have names
// in both languages here; a plugin's meters (`<plugin-id>.<meter>`) are named by the description
// the plugin declares in its MeterDefinition, in the reader's language when the plugin translates
// it (`plugin.meter.<meter>.<lang>` in plugin.properties, else English), prefixed with the
// plugin's display name.

const PLATFORM: Record<string, { en: string; zh: string }> = {
  requests: { en: 'API requests', zh: 'API 请求' },
  embedding_tokens: { en: 'Embedding tokens', zh: '向量化词元' },
  generation_input_tokens: { en: 'Generation input tokens', zh: '生成输入词元' },
  generation_output_tokens: { en: 'Generation output tokens', zh: '生成输出词元' },
  'compute_ms.cpu': { en: 'CPU compute time (ms)', zh: 'CPU 计算时间（毫秒）' },
  'compute_ms.gpu': { en: 'GPU compute time (ms)', zh: 'GPU 计算时间（毫秒）' },
};

export function meterName(
  meter: string,
  lang: Lang,
  plugins: Pick<PluginEntry, 'id' | 'name' | 'translations' | 'meters'>[] = [],
  description?: string,
): string {
  const platform = PLATFORM[meter];
  if (platform) return platform[lang];
  const dot = meter.indexOf('.');
  if (dot > 0) {
    const plugin = plugins.find((p) => p.id === meter.slice(0, dot));
    const declared = plugin?.meters.find((m) => m.name === meter.slice(dot + 1));
    if (plugin && declared) {
      const text = declared.translations?.[lang] || declared.description || declared.name;
      return `${pluginText(plugin, lang).name}: ${text}`;
    }
  }
  return description || meter;
}

/** The unit a plugin declares for its meter `<plugin-id>.<meter>`, for meters billing has no unit for. */
export function declaredUnit(meter: string, plugins: Pick<PluginEntry, 'id' | 'meters'>[]): string | undefined {
  const dot = meter.indexOf('.');
  if (dot <= 0) return undefined;
  return plugins.find((p) => p.id === meter.slice(0, dot))?.meters.find((m) => m.name === meter.slice(dot + 1))?.unit || undefined;
}

let loaded: { key: string; plugins: Promise<PluginEntry[]> } | undefined;

/**
 * The plugins whose meters may appear in usage, plans and invoices (the tenant's catalogue, or the
 * operator's), loaded once per session; empty until loaded or when the list cannot be read, in
 * which case meters keep their declared English name.
 */
export function usePluginMeters(): PluginEntry[] {
  const session = useContext(SessionContext);
  const path = session && isOperator(session.me) ? '/api/admin/plugins' : '/api/plugins';
  const [plugins, setPlugins] = useState<PluginEntry[]>([]);
  useEffect(() => {
    const key = `${path} ${getToken() ?? ''}`;
    if (loaded?.key !== key) {
      loaded = { key, plugins: get(path).then((page) => items(page).map(normalisePlugin), () => []) };
    }
    let live = true;
    loaded.plugins.then((list) => live && setPlugins(list));
    return () => {
      live = false;
    };
  }, [path]);
  return plugins;
}
