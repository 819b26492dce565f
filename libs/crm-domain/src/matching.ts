export type ContactMatch =
  | { kind: 'none' }
  | { kind: 'single'; contactId: string }
  | { kind: 'ambiguous'; contactIds: string[] };

/**
 * DESIGN.md §4: a number matches every contact that has it. Several matches ask the agent once; the answer
 * they gave for this number before wins while that contact still has the number.
 */
export function decideContactMatch(candidateContactIds: string[], rememberedContactId?: string | null): ContactMatch {
  const candidates = [...new Set(candidateContactIds)];
  if (candidates.length === 0) return { kind: 'none' };
  if (rememberedContactId && candidates.includes(rememberedContactId)) return { kind: 'single', contactId: rememberedContactId };
  if (candidates.length === 1) return { kind: 'single', contactId: candidates[0] };
  return { kind: 'ambiguous', contactIds: candidates };
}

export function contactDisplayName(firstName: string | null | undefined, lastName: string | null | undefined): string {
  return [firstName?.trim(), lastName?.trim()].filter(Boolean).join(' ');
}
