import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** A tiny HTTP server on 127.0.0.1 with a random port; each test registers the routes it needs. */
export type TestServer = {
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  /** The absolute URL of `path` on this server. */
  url(path: string): string;
  route(path: string, handler: Handler): void;
  /** Every request seen, in order: method, path and headers. */
  readonly requests: { method: string; path: string; headers: IncomingMessage['headers'] }[];
  close(): Promise<void>;
};

export async function startTestServer(): Promise<TestServer> {
  const routes = new Map<string, Handler>();
  const requests: TestServer['requests'] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({ method: req.method ?? 'GET', path, headers: req.headers });
    const handler = routes.get(path);
    if (!handler) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    Promise.resolve(handler(req, res)).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(error));
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (path) => `${origin}${path}`,
    route: (path, handler) => routes.set(path, handler),
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Answers with `body` and the given content type, status and headers. */
export function respond(
  body: string | Buffer,
  contentType: string,
  options: { status?: number; headers?: Record<string, string> } = {},
): Handler {
  return (_req, res) => {
    res.writeHead(options.status ?? 200, { 'content-type': contentType, ...options.headers });
    res.end(body);
  };
}

/** Redirects to `location` (absolute or relative) with the given status. */
export function redirect(location: string, status = 302): Handler {
  return (_req, res) => {
    res.writeHead(status, { location }).end();
  };
}

/** Sends headers at once and then nothing for `ms` before finishing; the body never arrives in time. */
export function slow(ms: number, contentType = 'application/rss+xml'): Handler {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': contentType });
    res.write('<?xml version="1.0"?>');
    const timer = setTimeout(() => res.end('<rss version="2.0"><channel><title>late</title></channel></rss>'), ms);
    res.on('close', () => clearTimeout(timer));
  };
}

/**
 * Streams `totalBytes` of filler in 64 KiB chunks, honouring back-pressure, without a Content-Length header
 * (so the client must count). Records how many bytes were actually written before the client hung up.
 */
export function hugeBody(totalBytes: number, contentType = 'application/rss+xml'): Handler & { written: () => number } {
  let written = 0;
  const handler: Handler = (_req, res) => {
    res.writeHead(200, { 'content-type': contentType });
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const pump = (): void => {
      while (written < totalBytes) {
        if (res.destroyed) return;
        written += chunk.length;
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
      res.end();
    };
    res.on('close', () => res.removeAllListeners('drain'));
    pump();
  };
  return Object.assign(handler, { written: () => written });
}
