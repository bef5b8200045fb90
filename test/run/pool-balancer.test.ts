/**
 * Which thread piscina gives the pool's next task (`nextTaskGoesTo`): the least busy, up to the tasks a thread may
 * hold. piscina reports a thread on one abortable task as infinitely busy; the pool counts it as holding one.
 */
import { expect, it } from 'vitest';
import { nextTaskGoesTo, TASKS_PER_THREAD, type PiscinaWorker } from '../../pipeline/pool.ts';

const thread = (id: number, tasks: number, terminating = false): PiscinaWorker => ({
  id,
  // As piscina's WorkerInfo reports it: one task that can be aborted is "infinitely" busy.
  currentUsage: tasks === 1 ? Infinity : tasks,
  isRunningAbortableTask: tasks === 1,
  histogram: null,
  terminating,
  destroyed: false,
} as unknown as PiscinaWorker);

it('an idle thread first, then a thread on one task, never a thread already holding the most', () => {
  expect(TASKS_PER_THREAD).toBe(2);
  expect(nextTaskGoesTo([thread(1, 1), thread(2, 0)], TASKS_PER_THREAD)?.id).toBe(2);
  expect(nextTaskGoesTo([thread(1, 2), thread(2, 1)], TASKS_PER_THREAD)?.id).toBe(2);
  expect(nextTaskGoesTo([thread(1, 2), thread(2, 2)], TASKS_PER_THREAD)).toBeNull();
});

it('while the threads start, one task each (their warm-ups wait for each other)', () => {
  expect(nextTaskGoesTo([thread(1, 1)], 1)).toBeNull();
  expect(nextTaskGoesTo([thread(1, 1), thread(2, 0)], 1)?.id).toBe(2);
});

it('a thread being terminated gets nothing', () => {
  expect(nextTaskGoesTo([thread(1, 0, true)], TASKS_PER_THREAD)).toBeNull();
  expect(nextTaskGoesTo([], TASKS_PER_THREAD)).toBeNull();
});
