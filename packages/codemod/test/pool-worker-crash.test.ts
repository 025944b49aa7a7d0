import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveConfig } from '@tenant-isolation/core';
import { migrateFile, type FileMigration } from '../src/migrate-file';
import { migrateFiles } from '../src/pool';

/*
 * A worker thread that stops (out of memory, or an exit) must not take the other files' results with it. Worker
 * threads cannot be made to crash on cue, so `Worker` is replaced by a stand-in that behaves as one does: it answers
 * the files it is sent in order with the real migrateFile, and on a file named `stop` it emits what Node emits for a
 * worker that dies (an 'error' when there is one, then 'exit') and answers nothing more. The pool only uses workers
 * when the built dist/worker.js exists (`npm run build`); the test checks that it did.
 */
const mockWorkers: { answered: string[]; started: number } = { answered: [], started: 0 };

jest.mock('node:worker_threads', () => {
  const { EventEmitter } = jest.requireActual<typeof import('node:events')>('node:events');
  const real = jest.requireActual<typeof import('../src/migrate-file')>('../src/migrate-file');
  class StandInWorker extends EventEmitter {
    private stopped = false;
    constructor(
      _script: string,
      private readonly init: { workerData: { root: string; config: never; options: never } },
    ) {
      super();
      mockWorkers.started++;
    }
    postMessage(file: string | null): void {
      setImmediate(() => {
        if (this.stopped) return;
        if (file === null) return this.stop(0);
        const { root, config, options } = this.init.workerData;
        if (file.includes('/stop/')) {
          const stopWith = mockStopWith.current;
          if (stopWith instanceof Error) this.emit('error', stopWith);
          return this.stop(stopWith instanceof Error ? 1 : stopWith);
        }
        mockWorkers.answered.push(file);
        this.emit('message', real.migrateFile(root, file, config, options));
      });
    }
    terminate(): Promise<number> {
      this.stop(1);
      return Promise.resolve(1);
    }
    private stop(code: number): void {
      this.stopped = true;
      this.emit('exit', code);
    }
  }
  return { ...jest.requireActual('node:worker_threads'), Worker: StandInWorker };
});

/** How the stand-in worker stops on the `stop` file: with an error, or exiting with a code and no error. */
const mockStopWith: { current: Error | number } = { current: 1 };

const ROUTE = `import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';

export async function GET() {
  const session = await getServerSession(authOptions);
  if (!session?.user) return Response.json({ error: 'Unauthorized' }, { status: 401 });
  return Response.json({ tenant: session.user.tenantId });
}
`;

// Sent round-robin, two to a worker: the first worker gets `stop` and then `c`, which it never starts.
const FILES = ['app/api/stop/route.ts', 'app/api/b/route.ts', 'app/api/c/route.ts', 'app/api/d/route.ts'];
const CONFIG = resolveConfig({});

const outOfMemory = Object.assign(new Error('Worker terminated due to reaching memory limit: JS heap out of memory'), {
  code: 'ERR_WORKER_OUT_OF_MEMORY',
});

describe('a worker thread that stops while migrating a file', () => {
  it.each([
    ['with an error', outOfMemory, `the worker thread migrating it stopped: ${outOfMemory.message}`],
    ['exiting with code 7', 7, 'the worker thread migrating it stopped: it exited with code 7'],
  ])('%s: that file is an internal error, the file it held is migrated in this thread, the others by the other worker', async (_, stopWith, message) => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ti-pool-'));
    for (const file of FILES) {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), ROUTE);
    }
    mockStopWith.current = stopWith;
    mockWorkers.answered = [];
    mockWorkers.started = 0;
    const progress: string[] = [];

    const results = await migrateFiles(root, FILES, CONFIG, {}, 2, (done, total, file) => progress.push(`${done}/${total} ${file}`));

    const inThread = (file: string): FileMigration => migrateFile(root, file, CONFIG, {});
    expect(results).toEqual([
      {
        file: 'app/api/stop/route.ts',
        input: null,
        output: null,
        handlers: [],
        statusesBefore: [],
        statusesAfter: [],
        failure: { stage: 'analyze', internal: true, message, stack: stopWith instanceof Error ? expect.stringMatching(/^at /) : null },
      },
      inThread('app/api/b/route.ts'),
      inThread('app/api/c/route.ts'),
      inThread('app/api/d/route.ts'),
    ]);
    expect(results[1]!.output).toContain('withTenantContext(');
    expect({ started: mockWorkers.started, answeredByWorkers: mockWorkers.answered.sort() }).toEqual({
      started: 2,
      answeredByWorkers: ['app/api/b/route.ts', 'app/api/d/route.ts'],
    });
    expect(progress.map((p) => p.split(' ')[0])).toEqual(['1/4', '2/4', '3/4', '4/4']);
    expect(progress.map((p) => p.split(' ')[1]).sort()).toEqual([...FILES].sort());
  });
});
