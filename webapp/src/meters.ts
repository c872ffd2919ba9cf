import type { Lang } from './i18n';
import type { PluginEntry } from './plugins';

// People read meters by name, not by their billing identifiers: the platform's meters have names
// in both languages here; a plugin's meters (`<plugin-id>.<meter>`) are named by the description
// the plugin declares in its MeterDefinition, prefixed with the plugin's display name.

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
      const name = plugin.translations[lang]?.name || plugin.name;
      return `${name}: ${declared.description || declared.name}`;
    }
  }
  return description || meter;
}
