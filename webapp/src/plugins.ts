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
  /** The meter's display name by language tag (plugin.meter.<meter>.<lang>); English is `description`. */
  translations?: Record<string, string>;
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

/**
 * The URL of a plugin route: `/v1/<id>/` and the route's path. A path the plugin already gives in
 * full (`/v1/<id>/…`, as routes and dashboard panels are listed) is used as it is, so no caller can
 * double the prefix; any other path is taken relative to the plugin. Query strings pass through.
 */
export function pluginUrl(pluginId: string, path: string): string {
  const base = `/v1/${pluginId}`;
  const trimmed = path.trim();
  if (trimmed === base || trimmed.startsWith(`${base}/`) || trimmed.startsWith(`${base}?`)) return trimmed;
  const relative = trimmed.replace(/^\/+/, '');
  return relative ? `${base}/${relative}` : `${base}/`;
}

/**
 * A TABLE panel's data as columns and rows: the `{columns, rows}` the SDK describes, or a `{data:
 * [...]}` list of objects (as list routes answer), whose columns are the scalar fields of its items.
 */
export function panelTable(d: any): { columns: string[]; rows: unknown[][] } {
  if (Array.isArray(d?.columns) && Array.isArray(d?.rows)) return { columns: d.columns.map(String), rows: d.rows };
  const list: any[] = Array.isArray(d?.data) ? d.data.filter((x: unknown) => x && typeof x === 'object') : [];
  const columns: string[] = [];
  for (const item of list)
    for (const [k, v] of Object.entries(item))
      if ((v === null || typeof v !== 'object') && !columns.includes(k)) columns.push(k);
  return { columns, rows: list.map((item) => columns.map((c) => item[c] ?? '')) };
}
