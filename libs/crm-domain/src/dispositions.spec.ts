import { DEFAULT_CALL_DISPOSITIONS, dispositionOnList } from './dispositions';

describe('call dispositions', () => {
  it('start with the outcomes real-estate agents log', () => {
    expect(DEFAULT_CALL_DISPOSITIONS).toEqual(['Connected', 'Left voicemail', 'No answer', 'Wrong number', 'Not interested', 'Appointment set', 'Follow-up']);
  });

  it('match the list\'s own spelling, whatever the case and spaces', () => {
    expect(dispositionOnList(DEFAULT_CALL_DISPOSITIONS, '  left VOICEMAIL ')).toBe('Left voicemail');
    expect(dispositionOnList(DEFAULT_CALL_DISPOSITIONS, 'Sold the house')).toBeNull();
  });
});
