import type { JsonSchema } from './components/SchemaForm';

// A plugin in the tenant's catalogue (GET /api/plugins, issue 4), normalised.

export interface Panel {
  title: string;
  description?: string;
  dataPath: string;
  kind: 'METRIC' | 'TABLE' | 'CHART' | string;
}

export interface PluginMeter {
  name: string;
  unit: string;
  description?: string;
}

export interface PluginEntry {
  id: string;
  name: string;
  /** Display texts by language tag (plugin.name.<lang> and plugin.description.<lang>). */
  translations: Record<string, { name?: string | null; description?: string | null }>;
  meters: PluginMeter[];
  version?: string;
  description?: string;
  enabled: boolean;
  allowed: boolean;
  settings: Record<string, unknown>;
  settingsSchema?: JsonSchema;
  panel?: Panel | null;
  routes: { method: string; path: string; summary?: string }[];
}

export function normalisePlugin(p: any): PluginEntry {
  return {
    id: String(p.id),
    name: String(p.name ?? p.title ?? p.id),
    translations: p.translations && typeof p.translations === 'object' ? p.translations : {},
    meters: Array.isArray(p.meters) ? p.meters : [],
    version: p.version ?? undefined,
    description: p.description ?? undefined,
    enabled: Boolean(p.enabled),
    allowed: p.allowed === undefined ? (p.allowedByPlan ?? true) !== false : Boolean(p.allowed),
    settings: (p.settings && typeof p.settings === 'object' ? p.settings : {}) as Record<string, unknown>,
    settingsSchema: p.settingsSchema ?? p.schema ?? undefined,
    panel: p.panel ?? p.dashboardPanel ?? null,
    routes: Array.isArray(p.routes) ? p.routes : [],
  };
}

/** The plugin's name and description in `lang`, falling back to the default (English) texts. */
export function pluginText(p: Pick<PluginEntry, 'name' | 'description' | 'translations'>, lang: string): { name: string; description?: string } {
  const t = p.translations[lang] ?? {};
  return { name: t.name || p.name, description: t.description || p.description };
}
