import { bookingIdOf, manageToken } from './booking-manage-token';

const id = '7d0e6f0e-2b51-4c3e-9d7a-3f7f1c2b9a10';

describe('booking manage tokens', () => {
  it('stand for their booking under the secret that made them, and for nothing else', () => {
    const token = manageToken(id, 'secret-one');
    expect(bookingIdOf(token, 'secret-one')).toBe(id);
    expect(bookingIdOf(token, 'secret-two')).toBeNull();
    expect(bookingIdOf(`${id}.${'A'.repeat(32)}`, 'secret-one')).toBeNull();
    expect(bookingIdOf(token.slice(0, -1), 'secret-one')).toBeNull();
    expect(bookingIdOf(`${token}.extra`, 'secret-one')).toBeNull();
    expect(bookingIdOf('not-a-token', 'secret-one')).toBeNull();
  });
});
