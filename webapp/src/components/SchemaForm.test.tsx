import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/preact';
import { SchemaForm, validate, type JsonSchema } from './SchemaForm';

const schema: JsonSchema = {
  type: 'object',
  required: ['greeting'],
  properties: {
    greeting: { type: 'string', title: 'Greeting', maxLength: 50 },
    tone: { type: 'string', title: 'Tone', enum: ['friendly', 'formal'], default: 'friendly' },
    maxResults: { type: 'integer', title: 'Max results', minimum: 1, maximum: 20, default: 5 },
    citations: { type: 'boolean', title: 'Show citations' },
  },
};

describe('SchemaForm', () => {
  it('renders a labelled control per property with defaults', () => {
    render(<SchemaForm schema={schema} value={{}} idPrefix="s" onSubmit={() => {}} />);
    expect((screen.getByLabelText(/Greeting/) as HTMLInputElement).value).toBe('');
    expect((screen.getByLabelText('Tone') as HTMLSelectElement).value).toBe('friendly');
    expect((screen.getByLabelText('Max results') as HTMLInputElement).value).toBe('5');
    expect((screen.getByLabelText('Show citations') as HTMLInputElement).type).toBe('checkbox');
  });

  it('refuses a missing required field and submits a valid one', () => {
    const submit = vi.fn();
    render(<SchemaForm schema={schema} value={{}} idPrefix="s" onSubmit={submit} />);
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(submit).not.toHaveBeenCalled();
    expect(screen.getByText('Required.')).toBeTruthy();
    fireEvent.input(screen.getByLabelText(/Greeting/), { target: { value: 'Hello' } });
    fireEvent.click(screen.getByLabelText('Show citations'));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(submit).toHaveBeenCalledWith({ greeting: 'Hello', tone: 'friendly', maxResults: 5, citations: true });
  });

  it('checks numeric bounds', () => {
    expect(validate(schema, { greeting: 'x', maxResults: 50 })).toEqual({ maxResults: 'max:20' });
    expect(validate(schema, { greeting: 'x', maxResults: 1.5 })).toEqual({ maxResults: 'number' });
  });
});
