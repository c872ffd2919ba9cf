import { useState } from 'preact/hooks';
import { useI18n } from '../i18n';

// A settings form generated from a plugin's JSON Schema: object properties become labelled fields
// (string, enum, number/integer, boolean, array of strings, nested objects). The server validates
// again; this catches the obvious mistakes before the round trip.

export interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  /** Chinese title and description (Atrium's extension; `x-title-<lang>` in general). */
  'x-title-zh'?: string;
  'x-description-zh'?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  format?: string;
  items?: JsonSchema;
  writeOnly?: boolean;
}

type Value = Record<string, unknown>;

function typeOf(schema: JsonSchema): string {
  const t = Array.isArray(schema.type) ? schema.type.find((x) => x !== 'null') : schema.type;
  if (t) return t;
  if (schema.properties) return 'object';
  if (schema.enum) return 'string';
  return 'string';
}

/** A schema's `title` or `description` in `lang` (`x-title-zh`, ...), else the default one. */
export function localized(schema: JsonSchema, field: 'title' | 'description', lang: string): string | undefined {
  const translated = (schema as Record<string, unknown>)[`x-${field}-${lang}`];
  return typeof translated === 'string' && translated ? translated : schema[field];
}

/** A property name people can read when the schema gives no title: `handoffMessageZh` -> `Handoff message zh`. */
export function humanise(name: string): string {
  const words = name.replace(/[_-]+/g, ' ').replace(/([a-z0-9])([A-Z])/g, '$1 $2').trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Fills in defaults for missing values, recursively. */
export function withDefaults(schema: JsonSchema, value: Value | undefined): Value {
  const out: Value = { ...(value ?? {}) };
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    if (out[name] === undefined && prop.default !== undefined) out[name] = prop.default;
    if (typeOf(prop) === 'object' && prop.properties) out[name] = withDefaults(prop, out[name] as Value);
  }
  return out;
}

/** Client-side checks: required fields, numeric bounds, lengths. Returns field path → message. */
export function validate(schema: JsonSchema, value: Value, prefix = ''): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    const path = prefix + name;
    const v = value?.[name];
    const type = typeOf(prop);
    const empty = v === undefined || v === null || v === '';
    if (empty) {
      if (schema.required?.includes(name)) errors[path] = 'required';
      continue;
    }
    if (type === 'integer' || type === 'number') {
      const n = Number(v);
      if (Number.isNaN(n) || (type === 'integer' && !Number.isInteger(n))) errors[path] = 'number';
      else if (prop.minimum !== undefined && n < prop.minimum) errors[path] = `min:${prop.minimum}`;
      else if (prop.maximum !== undefined && n > prop.maximum) errors[path] = `max:${prop.maximum}`;
    } else if (type === 'string' && typeof v === 'string') {
      if (prop.minLength !== undefined && v.length < prop.minLength) errors[path] = `minLength:${prop.minLength}`;
      else if (prop.maxLength !== undefined && v.length > prop.maxLength) errors[path] = `maxLength:${prop.maxLength}`;
    } else if (type === 'object' && prop.properties) {
      Object.assign(errors, validate(prop, v as Value, path + '.'));
    }
  }
  return errors;
}

function describeError(code: string, lang: string): string {
  const [kind, arg] = code.split(':');
  const zh = lang === 'zh';
  switch (kind) {
    case 'required':
      return zh ? '必填。' : 'Required.';
    case 'number':
      return zh ? '请输入数字。' : 'Enter a number.';
    case 'min':
      return zh ? `不能小于 ${arg}。` : `Must be at least ${arg}.`;
    case 'max':
      return zh ? `不能大于 ${arg}。` : `Must be at most ${arg}.`;
    case 'minLength':
      return zh ? `至少 ${arg} 个字符。` : `At least ${arg} characters.`;
    case 'maxLength':
      return zh ? `最多 ${arg} 个字符。` : `At most ${arg} characters.`;
    default:
      return code;
  }
}

export function SchemaForm({
  schema,
  value,
  idPrefix,
  busy,
  onSubmit,
}: {
  schema: JsonSchema;
  value: Value | undefined;
  idPrefix: string;
  busy?: boolean;
  onSubmit: (value: Value) => void;
}) {
  const { t, lang } = useI18n();
  const [current, setCurrent] = useState<Value>(() => withDefaults(schema, value));
  const [errors, setErrors] = useState<Record<string, string>>({});
  if (!schema.properties || Object.keys(schema.properties).length === 0) {
    return <p class="muted">{t('plugins.noSettings')}</p>;
  }
  const submit = (e: Event) => {
    e.preventDefault();
    const found = validate(schema, current);
    setErrors(found);
    if (Object.keys(found).length === 0) onSubmit(current);
  };
  return (
    <form onSubmit={submit} noValidate class="schema-form">
      <Fields
        schema={schema}
        value={current}
        onChange={setCurrent}
        path=""
        idPrefix={idPrefix}
        errors={errors}
        lang={lang}
      />
      <button type="submit" disabled={busy}>
        {busy ? t('common.saving') : t('common.save')}
      </button>
    </form>
  );
}

function Fields({
  schema,
  value,
  onChange,
  path,
  idPrefix,
  errors,
  lang,
}: {
  schema: JsonSchema;
  value: Value;
  onChange: (v: Value) => void;
  path: string;
  idPrefix: string;
  errors: Record<string, string>;
  lang: string;
}) {
  return (
    <>
      {Object.entries(schema.properties ?? {}).map(([name, prop]) => {
        const fieldPath = path + name;
        const id = `${idPrefix}-${fieldPath.replace(/\W/g, '-')}`;
        const type = typeOf(prop);
        const label = localized(prop, 'title', lang) ?? humanise(name);
        const description = localized(prop, 'description', lang);
        const required = schema.required?.includes(name);
        const error = errors[fieldPath];
        const set = (v: unknown) => onChange({ ...value, [name]: v });
        const v = value?.[name];
        const help = description ? <small id={`${id}-help`}>{description}</small> : null;
        const errorText = error ? (
          <small class="field-error" id={`${id}-error`}>
            {describeError(error, lang)}
          </small>
        ) : null;
        const described = [description ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
        if (type === 'object' && prop.properties) {
          return (
            <fieldset key={name}>
              <legend>{label}</legend>
              {help}
              <Fields
                schema={prop}
                value={(v as Value) ?? {}}
                onChange={set}
                path={fieldPath + '.'}
                idPrefix={idPrefix}
                errors={errors}
                lang={lang}
              />
            </fieldset>
          );
        }
        if (type === 'boolean') {
          return (
            <div class="field checkbox" key={name}>
              <input
                id={id}
                type="checkbox"
                checked={Boolean(v)}
                onChange={(e) => set(e.currentTarget.checked)}
                aria-describedby={described}
              />
              <label for={id}>{label}</label>
              {help}
            </div>
          );
        }
        let control;
        if (prop.enum) {
          control = (
            <select
              id={id}
              value={v === undefined ? '' : String(v)}
              onChange={(e) => {
                const picked = prop.enum!.find((x) => String(x) === e.currentTarget.value);
                set(picked);
              }}
              aria-describedby={described}
              aria-invalid={error ? 'true' : undefined}
              required={required}
            >
              {!required && <option value="">—</option>}
              {prop.enum.map((o) => (
                <option key={String(o)} value={String(o)}>
                  {String(o)}
                </option>
              ))}
            </select>
          );
        } else if (type === 'integer' || type === 'number') {
          control = (
            <input
              id={id}
              type="number"
              inputMode={type === 'integer' ? 'numeric' : 'decimal'}
              step={type === 'integer' ? 1 : 'any'}
              min={prop.minimum}
              max={prop.maximum}
              value={v === undefined || v === null ? '' : String(v)}
              onInput={(e) => {
                const raw = e.currentTarget.value;
                set(raw === '' ? undefined : Number(raw));
              }}
              aria-describedby={described}
              aria-invalid={error ? 'true' : undefined}
              required={required}
            />
          );
        } else if (type === 'array') {
          control = (
            <textarea
              id={id}
              rows={3}
              value={Array.isArray(v) ? (v as unknown[]).join('\n') : ''}
              onInput={(e) =>
                set(
                  e.currentTarget.value
                    .split('\n')
                    .map((s) => s.trim())
                    .filter(Boolean),
                )
              }
              aria-describedby={described}
            />
          );
        } else {
          const long = (prop.maxLength ?? 0) > 200 || prop.format === 'textarea';
          control = long ? (
            <textarea
              id={id}
              rows={4}
              value={(v as string) ?? ''}
              onInput={(e) => set(e.currentTarget.value)}
              aria-describedby={described}
              aria-invalid={error ? 'true' : undefined}
              required={required}
            />
          ) : (
            <input
              id={id}
              type={prop.format === 'password' || prop.writeOnly ? 'password' : prop.format === 'uri' ? 'url' : 'text'}
              value={(v as string) ?? ''}
              onInput={(e) => set(e.currentTarget.value)}
              maxLength={prop.maxLength}
              aria-describedby={described}
              aria-invalid={error ? 'true' : undefined}
              required={required}
            />
          );
        }
        return (
          <div class="field" key={name}>
            <label for={id}>
              {label}
              {required && <span aria-hidden="true"> *</span>}
            </label>
            {control}
            {help}
            {errorText}
          </div>
        );
      })}
    </>
  );
}
