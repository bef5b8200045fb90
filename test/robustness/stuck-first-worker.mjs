// The real worker (through worker.mjs), except that a task holding a file named stuck-*.txt blocks its thread for
// good when the thread comes to that file, as a pathological file would: the pool must stop that thread and still
// give every other unit of the task its rows.
import work from '../../pipeline/worker.mjs';

export default async (task) => {
  if ('warmUp' in task) return work(task);
  const answer = [];
  for (const [at, one] of task.units.entries()) {
    if (one.unit.entry.relativePath.startsWith('stuck-')) {
      // (Not finished: the real task marks that only after its last unit; the units before ran as tasks of their own.)
      new Float64Array(task.progress).set([Date.now(), -1, at, 0]);
      const block = new Int32Array(new SharedArrayBuffer(4));
      for (;;) Atomics.wait(block, 0, 0);
    }
    const [rows] = await work({ ...task, units: [one] });
    answer.push(rows);
  }
  return answer;
};
