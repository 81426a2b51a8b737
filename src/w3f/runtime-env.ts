/** The environment variable naming the conformance runtime (data only: `swx hostapi --help` prints it without loading the adapter). */

/** Environment variable naming the conformance runtime when `runtime` is not given. */
export const HOSTAPI_RUNTIME_ENV = 'SWX_HOSTAPI_RUNTIME';
