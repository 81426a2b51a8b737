/** A TCP port free on 127.0.0.1 right now (bound to port 0, read, released). */
import { createServer } from 'node:net';

/** Asks the OS for a free port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a !== null ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}
