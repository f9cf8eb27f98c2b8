import { performance } from 'node:perf_hooks';

/**
 * Monotonic milliseconds shared by all threads: performance.now() has a per-thread origin,
 * hrtime does not. One hrtime read fixes the offset; the rest are cheap performance.now() calls.
 */
const OFFSET = Number(process.hrtime.bigint()) / 1e6 - performance.now();
export const clock = () => OFFSET + performance.now();
