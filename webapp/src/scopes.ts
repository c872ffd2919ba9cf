import type { PluginEntry } from './plugins';
import { pluginText } from './plugins';

// The API-key scopes a key can be given, as GET /api/scopes lists them: '*' (everything), the
// platform scopes the server checks, and 'plugin:<id>' for each plugin the tenant may use.

export const ALL = '*';

export interface ScopeOption {
  scope: string;
  kind: 'all' | 'platform' | 'plugin';
  /** The plugin's display name for plugin scopes. */
  label?: string;
}

export function scopeOptions(page: any, plugins: Pick<PluginEntry, 'id' | 'name' | 'description' | 'translations'>[], lang: string): ScopeOption[] {
  const raw: any[] = Array.isArray(page?.data) ? page.data : [];
  return raw
    .filter((s) => typeof s?.scope === 'string')
    .map((s) => {
      const kind: ScopeOption['kind'] = s.scope === ALL ? 'all' : s.kind === 'plugin' ? 'plugin' : 'platform';
      const plugin = kind === 'plugin' ? plugins.find((p) => p.id === s.plugin) : undefined;
      return { scope: s.scope, kind, label: plugin ? pluginText(plugin, lang).name : undefined };
    });
}

/** Checking '*' stands for everything, so it clears the rest; checking anything else unchecks '*'. */
export function toggleScope(selected: string[], scope: string, on: boolean): string[] {
  if (!on) return selected.filter((s) => s !== scope);
  if (scope === ALL) return [ALL];
  return [...selected.filter((s) => s !== ALL && s !== scope), scope];
}
