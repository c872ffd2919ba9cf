import { items } from './api';

// A model from GET /v1/models: OpenAI's shape plus Atrium's `task` and sizes.

export interface ModelEntry {
  id: string;
  task: string;
  ownedBy?: string;
  /** Tokens a generation model's prompt and answer share (an embedding model's input limit). */
  contextLength?: number;
}

export function normaliseModels(page: unknown): ModelEntry[] {
  return items(page).map((m: any) => ({
    id: String(m.id),
    task: String(m.task ?? 'embedding'),
    ownedBy: m.owned_by ?? undefined,
    contextLength: m.context_length ?? m.max_input_tokens ?? undefined,
  }));
}

export const ofTask = (models: ModelEntry[] | undefined, task: 'generation' | 'embedding') =>
  (models ?? []).filter((m) => m.task === task);
