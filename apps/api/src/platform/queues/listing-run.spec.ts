import { attemptFailed, hasEnded, runStarted } from './listing-run';

describe('a listing run’s states', () => {
  it('keeps the first attempt’s start on a retry and clears the error', () => {
    const firstStarted = new Date('2026-11-30T10:00:00Z');
    expect(runStarted({ startedAt: firstStarted })).toEqual({ status: 'RUNNING', startedAt: firstStarted, error: null });
    expect(runStarted({ startedAt: null }).startedAt).toBeInstanceOf(Date);
  });

  it('fails the run on its last attempt only; before it, only the error shows', () => {
    expect(attemptFailed('Zoom said 500', false)).toEqual({ error: 'Zoom said 500' });
    expect(attemptFailed('Zoom said 500', true)).toEqual({ status: 'FAILED', error: 'Zoom said 500', finishedAt: expect.any(Date) });
  });

  it('leaves nothing to do once done or failed', () => {
    expect((['QUEUED', 'RUNNING', 'DONE', 'FAILED'] as const).map((status) => hasEnded({ status }))).toEqual([false, false, true, true]);
  });
});
