/** The api's limit for a note (addNote, updateNote). */
export const NOTE_MAX_LENGTH = 20_000;

/** What is wrong with a note's text before it is sent, in the agent's words; '' when nothing is. */
export function noteProblem(body: string): string {
  if (!body.trim()) return 'Write something in the note first.';
  if (body.trim().length > NOTE_MAX_LENGTH) return `Keep the note under ${NOTE_MAX_LENGTH.toLocaleString()} characters.`;
  return '';
}
