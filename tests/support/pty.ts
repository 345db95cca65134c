import { spawn, type ChildProcess } from 'node:child_process';

/** A program running on a pseudo-terminal, as a person at a terminal would run it. */
export type PtySession = {
  /** Types text; `\r` is the Enter key. */
  type(text: string): void;
  /** Resolves with everything printed so far once `pattern` matches the output after `from`; rejects after `timeoutMs` (default 60 s). */
  waitFor(pattern: RegExp, options?: { from?: number; timeoutMs?: number }): Promise<string>;
  /** Everything printed so far (stdout and stderr share the terminal). */
  output(): string;
  /** Resolves when the program has exited. */
  exited: Promise<number | null>;
  kill(): void;
};

/**
 * Runs `command` under util-linux `script`, which gives it a pseudo-terminal for stdin, stdout and stderr; no extra
 * package needed. Both `script` and the program see the terminal, so `isTTY` is true as in a real session.
 */
export function spawnInPty(command: string, env: NodeJS.ProcessEnv): PtySession {
  const child: ChildProcess = spawn('script', ['-qfec', command, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let text = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer): void => {
    text += chunk.toString('utf8');
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    type: (typed) => void child.stdin?.write(typed),
    output: () => text,
    exited,
    kill: () => void child.kill(),
    waitFor(pattern, options = {}) {
      const from = options.from ?? 0;
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (!pattern.test(text.slice(from))) return;
          listeners.delete(check);
          clearTimeout(timer);
          resolve(text);
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`timed out waiting for ${String(pattern)}; output so far:\n${text}`));
        }, options.timeoutMs ?? 60_000);
        listeners.add(check);
        check();
      });
    },
  };
}
