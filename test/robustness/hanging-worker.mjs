// A worker that starts like the real one (it answers the pool's warm-up) and then never finishes a task: it stands
// for a worker stuck while reading a file, before any article began (what a pathological file does to the real one).
export default (task) => {
  if ('warmUp' in task) {
    const arrived = new Int32Array(task.warmUp);
    Atomics.add(arrived, 0, 1);
    while (Atomics.load(arrived, 0) < task.size) Atomics.wait(arrived, 0, Atomics.load(arrived, 0), 50);
    return null;
  }
  new Float64Array(task.progress).set([Date.now(), -1, 0]);
  return new Promise(() => undefined);
};
