import { FixedWindowCounter } from './fixed-window-counter';

describe('FixedWindowCounter', () => {
  it('allows exactly the limit within one window and refuses the next hit', () => {
    const counter = new FixedWindowCounter(3, 60_000);
    expect([0, 1, 2].map((i) => counter.hit('u1', 1000 + i).allowed)).toEqual([true, true, true]);
    expect(counter.hit('u1', 1003)).toEqual({ allowed: false, retryAfterSeconds: 60 });
  });

  it('says how long until the window ends, at least one second', () => {
    const counter = new FixedWindowCounter(1, 60_000);
    counter.hit('u1', 0);
    expect(counter.hit('u1', 30_500).retryAfterSeconds).toBe(30);
    expect(counter.hit('u1', 59_999).retryAfterSeconds).toBe(1);
  });

  it('starts a new window once the old one has ended', () => {
    const counter = new FixedWindowCounter(1, 60_000);
    counter.hit('u1', 0);
    expect(counter.hit('u1', 59_999).allowed).toBe(false);
    expect(counter.hit('u1', 60_000).allowed).toBe(true);
  });

  it('counts each key on its own', () => {
    const counter = new FixedWindowCounter(1, 60_000);
    expect(counter.hit('u1', 0).allowed).toBe(true);
    expect(counter.hit('u2', 0).allowed).toBe(true);
    expect(counter.hit('u1', 1).allowed).toBe(false);
  });

  it('drops ended windows when it grows past its bound', () => {
    const counter = new FixedWindowCounter(1, 1000, 2);
    counter.hit('a', 0);
    counter.hit('b', 0);
    counter.hit('c', 5000);
    expect(counter.size).toBe(1);
  });
});
