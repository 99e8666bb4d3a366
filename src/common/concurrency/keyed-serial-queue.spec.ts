import { KeyedSerialQueue } from './keyed-serial-queue';

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** A task that logs when it starts and ends, with a turn of the event loop between. */
const loggedTask = (events: string[], name: string) => async () => {
  events.push(`start ${name}`);
  await tick();
  events.push(`end ${name}`);
  return name;
};

describe('KeyedSerialQueue', () => {
  it('runs tasks of one key one at a time, in arrival order', async () => {
    const queue = new KeyedSerialQueue();
    const events: string[] = [];
    const task = (name: string) => loggedTask(events, name);
    const results = await Promise.all([queue.run('a', task('1')), queue.run('a', task('2')), queue.run('a', task('3'))]);
    expect(results).toEqual(['1', '2', '3']);
    expect(events).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
  });

  it('runs tasks of different keys side by side', async () => {
    const queue = new KeyedSerialQueue();
    const events: string[] = [];
    const task = (name: string) => loggedTask(events, name);
    await Promise.all([queue.run('a', task('a')), queue.run('b', task('b'))]);
    expect(events.slice(0, 2)).toEqual(['start a', 'start b']);
  });

  it('goes on with the next task after one fails, and forgets a key once its work is done', async () => {
    const queue = new KeyedSerialQueue();
    const failed = queue.run('a', () => Promise.reject(new Error('refused')));
    const next = queue.run('a', () => Promise.resolve('ran'));
    await expect(failed).rejects.toThrow('refused');
    await expect(next).resolves.toBe('ran');
    await tick();
    expect(queue.size).toBe(0);
  });
});
