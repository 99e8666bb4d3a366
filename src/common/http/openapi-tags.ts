import type { OpenAPIObject } from '@nestjs/swagger';

/** The order a reader needs the API's areas in; tags not listed follow, then health. */
const TAG_ORDER = [
  'auth', 'users', 'patients', 'screening', 'detox', 'sessions', 'session notes',
  'groups', 'aftercare', 'alerts', 'reports', 'settings', 'audit',
];

/** The document's tag list: every tag an operation uses, in TAG_ORDER. */
export function orderedTags(document: OpenAPIObject): { name: string }[] {
  const used = new Set<string>();
  for (const path of Object.values(document.paths)) {
    for (const operation of Object.values(path) as { tags?: string[] }[]) {
      for (const tag of operation.tags ?? []) used.add(tag);
    }
  }
  const rank = (tag: string) => {
    const index = TAG_ORDER.indexOf(tag);
    if (index >= 0) return index;
    return tag === 'health' ? TAG_ORDER.length + 1 : TAG_ORDER.length;
  };
  return [...used].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)).map((name) => ({ name }));
}
