import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IngestError } from '../../../src/errors.js';
import { refusedRange, safeFetch, USER_AGENT, type FetchPolicy } from '../../../src/services/ingest/safe-fetch.js';
import { hugeBody, redirect, respond, slow, startTestServer, type TestServer } from '../../support/http-server.js';

const RSS = '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>';

const policy: FetchPolicy = { timeoutMs: 2_000, maxBytes: 1_000_000, maxRedirects: 3, allowHosts: ['127.0.0.1'] };

async function fetchError(promise: Promise<unknown>): Promise<IngestError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(IngestError);
  return error as IngestError;
}

describe('safeFetch', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('returns the body, content type and validators, and sends a real User-Agent', async () => {
    server.route('/feed', respond(RSS, 'application/rss+xml; charset=utf-8', { headers: { etag: '"v1"', 'last-modified': 'Tue, 10 Jun 2025 08:00:00 GMT' } }));
    const result = await safeFetch(server.url('/feed'), policy, { accept: 'feed' });
    expect(result).toMatchObject({ status: 'ok', contentType: 'application/rss+xml', body: RSS, etag: '"v1"', lastModified: 'Tue, 10 Jun 2025 08:00:00 GMT' });
    expect(server.requests[0]?.headers['user-agent']).toBe(USER_AGENT);
    expect(USER_AGENT).toMatch(/^newsbrief\/\d+\.\d+\.\d+ \(\+https:\/\/github\.com\/newsbrief\/newsbrief\)$/);
  });

  it('decodes the charset the document declares when the header names none', async () => {
    const latin1 = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>Caf\u00e9 M\u00fcller</title></channel></rss>', 'latin1');
    server.route('/latin1', respond(latin1, 'application/rss+xml'));
    const result = await safeFetch(server.url('/latin1'), policy, { accept: 'feed' });
    expect(result.status === 'ok' && result.body).toContain('Caf\u00e9 M\u00fcller');
  });

  it('sends conditional headers and reports 304 as not modified', async () => {
    server.route('/feed', (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') res.writeHead(304).end();
      else res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' }).end(RSS);
    });
    const result = await safeFetch(server.url('/feed'), policy, { accept: 'feed', etag: '"v1"', lastModified: 'Tue, 10 Jun 2025 08:00:00 GMT' });
    expect(result.status).toBe('not_modified');
    expect(server.requests[0]?.headers['if-modified-since']).toBe('Tue, 10 Jun 2025 08:00:00 GMT');
  });

  it('follows a bounded number of redirects', async () => {
    server.route('/a', redirect('/b', 301));
    server.route('/b', redirect(server.url('/feed'), 307));
    server.route('/feed', respond(RSS, 'text/xml'));
    const result = await safeFetch(server.url('/a'), policy, { accept: 'feed' });
    expect(result).toMatchObject({ status: 'ok', url: server.url('/feed') });
  });

  it('refuses a redirect loop', async () => {
    server.route('/loop-a', redirect('/loop-b'));
    server.route('/loop-b', redirect('/loop-a'));
    const error = await fetchError(safeFetch(server.url('/loop-a'), policy, { accept: 'feed' }));
    expect(error.code).toBe('too_many_redirects');
    expect(error.message).toContain(server.url('/loop-a'));
  });

  it('gives up after maxRedirects hops', async () => {
    for (let i = 0; i < 6; i += 1) server.route(`/r${i}`, redirect(`/r${i + 1}`));
    const error = await fetchError(safeFetch(server.url('/r0'), policy, { accept: 'feed' }));
    expect(error.code).toBe('too_many_redirects');
    expect(server.requests).toHaveLength(policy.maxRedirects + 1);
  });

  it('stops reading a 50 MB streamed body early', async () => {
    const huge = hugeBody(50 * 1024 * 1024);
    server.route('/huge', huge);
    const error = await fetchError(safeFetch(server.url('/huge'), policy, { accept: 'feed' }));
    expect(error.code).toBe('too_large');
    expect(huge.written()).toBeLessThan(20 * 1024 * 1024);
  });

  it.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ] as const)('decompresses a %s body', async (encoding, compress) => {
    server.route('/feed', respond(compress(Buffer.from(RSS)), 'application/rss+xml', { headers: { 'content-encoding': encoding } }));
    const result = await safeFetch(server.url('/feed'), policy, { accept: 'feed' });
    expect(result).toMatchObject({ status: 'ok', body: RSS, bytes: RSS.length });
    expect(server.requests[0]?.headers['accept-encoding']).toContain(encoding);
  });

  it('counts the decompressed size against maxBytes', async () => {
    const bomb = gzipSync(Buffer.alloc(policy.maxBytes * 20, ' '));
    expect(bomb.length).toBeLessThan(policy.maxBytes);
    server.route('/bomb', respond(bomb, 'application/rss+xml', { headers: { 'content-encoding': 'gzip' } }));
    const error = await fetchError(safeFetch(server.url('/bomb'), policy, { accept: 'feed' }));
    expect(error.code).toBe('too_large');
    expect(error.message).toContain('once decompressed');
  });

  it('refuses a content coding it cannot read, naming it', async () => {
    server.route('/feed', respond(Buffer.from('packed'), 'application/rss+xml', { headers: { 'content-encoding': 'compress' } }));
    const error = await fetchError(safeFetch(server.url('/feed'), policy, { accept: 'feed' }));
    expect(error.code).toBe('bad_encoding');
    expect(error.message).toContain('"compress"');
  });

  it('reports a corrupt gzip body as such', async () => {
    server.route('/feed', respond(gzipSync(Buffer.from(RSS)).subarray(0, 20), 'application/rss+xml', { headers: { 'content-encoding': 'gzip' } }));
    const error = await fetchError(safeFetch(server.url('/feed'), policy, { accept: 'feed' }));
    expect(error.code).toBe('bad_encoding');
    expect(error.message).toContain('could not be decompressed');
  });

  it('rejects a too-large Content-Length before reading the body', async () => {
    server.route('/declared', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-length': String(policy.maxBytes + 1) });
      res.write('<rss>');
    });
    const error = await fetchError(safeFetch(server.url('/declared'), policy, { accept: 'feed' }));
    expect(error.code).toBe('too_large');
  });

  it('times out on a slow body', async () => {
    server.route('/slow', slow(10_000));
    const error = await fetchError(safeFetch(server.url('/slow'), { ...policy, timeoutMs: 300 }, { accept: 'feed' }));
    expect(error.code).toBe('timeout');
    expect(error.message).toContain(server.url('/slow'));
  });

  it('times out when headers never come', async () => {
    server.route('/silent', () => undefined);
    const error = await fetchError(safeFetch(server.url('/silent'), { ...policy, timeoutMs: 300 }, { accept: 'page' }));
    expect(error.code).toBe('timeout');
  });

  it('rejects a content type the caller does not read', async () => {
    server.route('/image', respond(Buffer.from([0x89, 0x50]), 'image/png'));
    const error = await fetchError(safeFetch(server.url('/image'), policy, { accept: 'feed' }));
    expect(error.code).toBe('bad_content_type');
    expect(error.message).toContain('image/png');
    server.route('/page-as-feed', respond('<html></html>', 'text/html'));
    expect((await fetchError(safeFetch(server.url('/page-as-feed'), policy, { accept: 'feed' }))).code).toBe('bad_content_type');
    server.route('/json', respond('{}', 'application/json'));
    expect((await fetchError(safeFetch(server.url('/json'), policy, { accept: 'page' }))).code).toBe('bad_content_type');
  });

  it('reports an HTTP error status', async () => {
    const error = await fetchError(safeFetch(server.url('/missing'), policy, { accept: 'feed' }));
    expect(error.code).toBe('http_status');
    expect(error.message).toContain('404');
  });

  it('refuses 127.0.0.1 when it is not in the allow list, and never sends the request', async () => {
    server.route('/feed', respond(RSS, 'application/rss+xml'));
    const error = await fetchError(safeFetch(server.url('/feed'), { ...policy, allowHosts: [] }, { accept: 'feed' }));
    expect(error.code).toBe('address_refused');
    expect(server.requests).toHaveLength(0);
  });

  it('refuses a redirect to a private address even from an allowed host', async () => {
    server.route('/to-metadata', redirect('http://169.254.169.254/latest/meta-data/'));
    const error = await fetchError(safeFetch(server.url('/to-metadata'), policy, { accept: 'feed' }));
    expect(error.code).toBe('address_refused');
    expect(error.message).toContain('169.254.169.254');
  });

  it('refuses a host name that resolves to loopback at connect time', async () => {
    const port = new URL(server.origin).port;
    server.route('/feed', respond(RSS, 'application/rss+xml'));
    const error = await fetchError(safeFetch(`http://localhost:${port}/feed`, { ...policy, allowHosts: [] }, { accept: 'feed' }));
    expect(error.code).toBe('address_refused');
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    'http://10.0.0.1/feed',
    'http://169.254.169.254/latest/meta-data/',
    'http://[::1]/feed',
    'http://[::ffff:127.0.0.1]/feed',
    'http://[::ffff:a00:1]/feed',
    'http://100.64.0.1/feed',
    'http://[fd00::1]/feed',
    'http://[fe80::1]/feed',
    'http://0.0.0.0/feed',
    'http://224.0.0.1/feed',
    'http://192.168.1.1/feed',
    'http://172.16.0.1/feed',
    'http://[::127.0.0.1]/feed',
    'http://[::7f00:1]/feed',
    'http://[::a9fe:a9fe]/latest/meta-data/',
    'http://[::ffff:a9fe:a9fe]/latest/meta-data/',
    'http://[::ffff:0:7f00:1]/feed',
    'http://[64:ff9b::7f00:1]/feed',
    'http://[64:ff9b:1::a9fe:a9fe]/feed',
  ])('refuses the literal address in %s before connecting', async (url) => {
    const error = await fetchError(safeFetch(url, { ...policy, allowHosts: [] }, { accept: 'feed' }));
    expect(error.code).toBe('address_refused');
  });

  it('refuses non-http schemes', async () => {
    const error = await fetchError(safeFetch('file:///etc/passwd', policy, { accept: 'page' }));
    expect(error.code).toBe('address_refused');
  });
});

describe('refusedRange', () => {
  it('accepts public addresses and names the range of others', () => {
    expect(refusedRange('93.184.216.34')).toBeNull();
    expect(refusedRange('2606:4700::1111')).toBeNull();
    expect(refusedRange('10.1.2.3')).toBe('private');
    expect(refusedRange('::ffff:192.168.0.1')).toBe('private');
    expect(refusedRange('::')).toBe('unspecified');
    expect(refusedRange('fc00::1')).toBe('uniqueLocal');
    expect(refusedRange('100.100.0.1')).toBe('carrierGradeNat');
  });

  it('refuses IPv4-compatible, IPv4-mapped and NAT64 forms of any IPv4 address', () => {
    expect(refusedRange('::a9fe:a9fe')).toBe('ipv4Compatible');
    expect(refusedRange('::7f00:1')).toBe('ipv4Compatible');
    expect(refusedRange('::808:808')).toBe('ipv4Compatible');
    expect(refusedRange('::ffff:7f00:1')).toBe('loopback');
    expect(refusedRange('64:ff9b::a9fe:a9fe')).toBe('rfc6052');
    expect(refusedRange('::1')).toBe('loopback');
  });
});
