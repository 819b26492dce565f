/** The outcomes an organisation starts with for its calls, in the order agents pick from (an admin edits the list). */
export const DEFAULT_CALL_DISPOSITIONS: readonly string[] = ['Connected', 'Left voicemail', 'No answer', 'Wrong number', 'Not interested', 'Appointment set', 'Follow-up'];

/** The list's own spelling of `value`, matched without regard to case or surrounding spaces; null when it is not on the list. */
export function dispositionOnList(list: readonly string[], value: string): string | null {
  const wanted = value.trim().toLocaleLowerCase();
  return list.find((entry) => entry.toLocaleLowerCase() === wanted) ?? null;
}
