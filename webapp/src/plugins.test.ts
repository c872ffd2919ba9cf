import { describe, expect, it } from 'vitest';
import { panelTable, pluginUrl } from './plugins';

describe('pluginUrl', () => {
  it('prefixes a path relative to the plugin', () => {
    expect(pluginUrl('customer-service', '/documents')).toBe('/v1/customer-service/documents');
    expect(pluginUrl('customer-service', 'documents?x=1')).toBe('/v1/customer-service/documents?x=1');
    expect(pluginUrl('fraud', '')).toBe('/v1/fraud/');
  });
  it('never doubles a path the plugin already gives in full', () => {
    expect(pluginUrl('customer-service', '/v1/customer-service/documents')).toBe('/v1/customer-service/documents');
    expect(pluginUrl('fraud', '/v1/fraud?since=1')).toBe('/v1/fraud?since=1');
  });
  it('keeps another plugin’s prefix inside this plugin', () => {
    // "/v1/fraud-extra/x" is not fraud's own prefix, so it is a path under fraud.
    expect(pluginUrl('fraud', '/v1/fraud-extra/x')).toBe('/v1/fraud/v1/fraud-extra/x');
  });
});

describe('panelTable', () => {
  it('keeps the SDK table shape', () => {
    expect(panelTable({ columns: ['a'], rows: [[1]] })).toEqual({ columns: ['a'], rows: [[1]] });
  });
  it('turns a list of objects into columns of their scalar fields', () => {
    const t = panelTable({ data: [{ id: 'x', chunks: 3, job: { id: 'j' } }, { id: 'y', status: 'ready' }] });
    expect(t.columns).toEqual(['id', 'chunks', 'status']);
    expect(t.rows).toEqual([['x', 3, ''], ['y', '', 'ready']]);
  });
  it('is empty for anything else', () => {
    expect(panelTable(null)).toEqual({ columns: [], rows: [] });
  });
});
