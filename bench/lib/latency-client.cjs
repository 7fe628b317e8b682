'use strict';
/**
 * The time-travel latency client, in a process of its own (forked once for all the time-travel
 * measures, so that it is warm after the first unrecorded run): one request at a time on one
 * kept-alive node:http socket, each body drained and dropped. Each message is a task ({ url, paths,
 * minRequests, minMs, maxMs }; the paths taken in turn, from the first again if they run out),
 * answered with { result: { p50, p99, requests, failures } } or { error }.
 *
 * Why a process of its own: in the benchmark's process (tens of MB of heap from the workload and
 * the earlier measures) the response buffers' external memory made V8 run a full collection
 * every ~200 ms during some runs at 1M (3-9 ms each, plus incremental marking), and the requests
 * they fell on made the p99. Here the heap is a few MB and a collection costs well under a
 * millisecond.
 */
const http = require('node:http');

const ignore = () => {};

/** One request on `agent`; resolves with the status once the body has been read. */
function once(base, agent, path) {
  return new Promise((resolve, reject) => {
    const request = http.get(
      { host: base.hostname, port: base.port, path, agent, timeout: 120_000 },
      (res) => {
        res.on('data', ignore);
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer to ${path} in 120 s`)));
    request.on('error', reject);
  });
}

async function measure(task) {
  const base = new URL(task.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  let kept = new Float64Array(Math.max(task.minRequests, 1024));
  let taken = 0;
  let failures = 0;
  let next = 0;
  const started = performance.now();
  try {
    while (
      (taken < task.minRequests || performance.now() - started < task.minMs) &&
      performance.now() - started < task.maxMs
    ) {
      const path = task.paths[next++ % task.paths.length];
      const t = performance.now();
      const status = await once(base, agent, path);
      const ms = performance.now() - t;
      if (status !== 200) {
        failures++;
        continue;
      }
      if (taken === kept.length) {
        const grown = new Float64Array(kept.length * 2);
        grown.set(kept);
        kept = grown;
      }
      kept[taken++] = ms;
    }
  } finally {
    agent.destroy();
  }
  const sorted = kept.subarray(0, taken).sort();
  const at = (p) =>
    taken === 0 ? null : sorted[Math.min(taken - 1, Math.ceil((p / 100) * taken) - 1)];
  return { p50: at(50), p99: at(99), requests: taken, failures };
}

// The benchmark has gone (it failed, or was stopped): stop asking.
process.on('disconnect', () => process.exit(0));

process.on('message', (task) => {
  measure(task).then(
    (result) => process.send({ result }),
    (error) => process.send({ error: String(error?.stack ?? error) }),
  );
});
