import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { readFileSync } from 'node:fs';
import type { LookupFunction } from 'node:net';
import { dirname, join } from 'node:path';
import { pipeline, type Readable, type Transform } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import ipaddr from 'ipaddr.js';
import { Agent, request } from 'undici';
import type { Config } from '../../config.js';
import { IngestError } from '../../errors.js';
import { charsetOf, decodeText } from './decode-text.js';

/** The fetch limits, exactly the shape of `config.fetch`. */
export type FetchPolicy = Config['fetch'];

/** What the caller is ready to read: the response's content type must fit it. */
export type ContentKind = 'feed' | 'page' | 'feed-or-page';

export type SafeFetchOptions = {
  accept: ContentKind;
  /** Conditional GET: sent as `If-None-Match`. */
  etag?: string | null;
  /** Conditional GET: sent as `If-Modified-Since`. */
  lastModified?: string | null;
};

export type FetchedBody = {
  status: 'ok';
  /** The URL that answered, after redirects. */
  url: string;
  /** The media type, lower-case, without parameters (`application/rss+xml`). */
  contentType: string;
  body: string;
  bytes: number;
  etag: string | null;
  lastModified: string | null;
};

export type FetchResult = FetchedBody | { status: 'not_modified'; url: string };

const FEED_TYPES = new Set([
  'application/rss+xml',
  'application/atom+xml',
  'application/rdf+xml',
  'application/xml',
  'text/xml',
  'application/json',
  'application/feed+json',
]);
const PAGE_TYPES = new Set(['text/html', 'application/xhtml+xml']);
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

function readVersion(): string {
  // Walk up from this file to the project's package.json; the same code runs from src/ (tsx) and dist/src/ (built).
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth += 1) {
    try {
      const pkg: unknown = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      if (typeof pkg === 'object' && pkg !== null && 'name' in pkg && pkg.name === 'newsbrief' && 'version' in pkg) {
        return String(pkg.version);
      }
    } catch {
      // no package.json at this level; keep climbing
    }
    dir = dirname(dir);
  }
  return '0.0.0';
}

/** The User-Agent every fetch sends, so that publishers can identify and contact us. */
export const USER_AGENT = `newsbrief/${readVersion()} (+https://github.com/newsbrief/newsbrief)`;

/** Whether a media type is one the caller accepts. `+xml` and `+json` suffix types count as feeds. */
export function isAcceptedContentType(contentType: string, accept: ContentKind): boolean {
  const isFeed = FEED_TYPES.has(contentType) || /^application\/[\w.-]+\+(xml|json)$/.test(contentType);
  const isPage = PAGE_TYPES.has(contentType);
  if (accept === 'feed') return isFeed && contentType !== 'application/xhtml+xml';
  if (accept === 'page') return isPage;
  return isFeed || isPage;
}

function normalizeHost(host: string): string {
  const bare = host.toLowerCase().replace(/^\[|\]$/g, '');
  return ipaddr.isValid(bare) ? ipaddr.process(bare).toString() : bare;
}

/** The hosts and IPs named in `allowHosts`, normalized for comparison. */
function allowSet(policy: FetchPolicy): Set<string> {
  return new Set(policy.allowHosts.map(normalizeHost));
}

/** The deprecated IPv4-compatible IPv6 block, `::a.b.c.d`. */
const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96');

/**
 * Why an address may not be fetched, or `null` when it is a public unicast address.
 * IPv4-mapped IPv6 addresses are judged as the IPv4 address they carry. IPv4-compatible ones (`::/96`) are always
 * refused: ipaddr.js calls `::7f00:1` unicast, yet a host may route it to its own loopback. NAT64
 * (`64:ff9b::/96`, `64:ff9b:1::/48`), IPv4-translated, 6to4 and Teredo forms fall in ranges refused by name.
 */
export function refusedRange(address: string): string | null {
  if (!ipaddr.isValid(address)) return 'not an IP address';
  const parsed = ipaddr.process(address);
  const range = parsed.range();
  if (range !== 'unicast') return range;
  return parsed.kind() === 'ipv6' && parsed.match(IPV4_COMPATIBLE) ? 'ipv4Compatible' : null;
}

/** Raised inside DNS lookup at connect time; turned into `IngestError('address_refused')` by `safeFetch`. */
class RefusedAddressError extends Error {
  override name = 'RefusedAddressError';
  constructor(
    readonly host: string,
    readonly address: string,
    readonly range: string,
  ) {
    super(`${host} resolves to ${address} (${range})`);
  }
}

/**
 * A `lookup` for `net.connect` that refuses private, loopback, link-local and other non-public addresses unless
 * allowed. It runs when the socket connects, so a name that re-resolves to a private address (DNS rebinding) is
 * caught too.
 */
function guardedLookup(allowed: Set<string>): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) {
        callback(error, []);
        return;
      }
      const hostAllowed = allowed.has(normalizeHost(hostname));
      const usable = addresses.filter(
        (entry) => hostAllowed || allowed.has(normalizeHost(entry.address)) || refusedRange(entry.address) === null,
      );
      const first = usable[0];
      if (!first) {
        const sample = addresses[0];
        const refusal = new RefusedAddressError(hostname, sample?.address ?? '?', sample ? (refusedRange(sample.address) ?? 'unknown') : 'none');
        callback(refusal as NodeJS.ErrnoException, []);
        return;
      }
      if (options.all === true) callback(null, usable);
      else callback(null, first.address, first.family);
    });
  };
}

function findCause<T extends Error>(error: unknown, type: abstract new (...args: never[]) => T): T | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current instanceof Error; depth += 1) {
    if (current instanceof type) return current;
    current = current.cause;
  }
  return undefined;
}

function firstHeader(value: string | string[] | undefined): string | null {
  const single = Array.isArray(value) ? value[0] : value;
  return single === undefined || single.trim() === '' ? null : single.trim();
}

function checkUrl(raw: string, allowed: Set<string>): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch (error) {
    throw new IngestError('network', `"${raw}" is not a valid URL.`, { cause: error });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new IngestError('address_refused', `Refused ${raw}: only http and https URLs can be fetched.`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new IngestError('address_refused', `Refused ${raw}: URLs with credentials are not fetched.`);
  }
  const host = normalizeHost(url.hostname);
  // Literal IPs never reach the DNS lookup, so they are judged here, before any connection is made.
  if (ipaddr.isValid(host) && !allowed.has(host)) {
    const range = refusedRange(host);
    if (range !== null) {
      throw new IngestError(
        'address_refused',
        `Refused ${raw}: ${host} is a ${range} address. Add it to FETCH_ALLOW_HOSTS to allow it.`,
      );
    }
  }
  return url;
}

function describeKind(accept: ContentKind): string {
  if (accept === 'feed') return 'a feed (RSS, Atom or JSON Feed)';
  if (accept === 'page') return 'a web page (HTML)';
  return 'a feed or a web page';
}

/**
 * GETs `rawUrl` within the policy: at most `timeoutMs` for the whole exchange (connect, headers, body, every
 * redirect), at most `maxBytes` of body, at most `maxRedirects` redirects (each hop re-checked), only content types
 * that fit `accept`, and never a private, loopback, link-local, unique-local, CGNAT, multicast or unspecified
 * address unless `allowHosts` names the host or the IP. A 304 answer to a conditional GET is `not_modified`.
 * Every failure is an `IngestError` whose message names the URL.
 */
export async function safeFetch(rawUrl: string, policy: FetchPolicy, options: SafeFetchOptions): Promise<FetchResult> {
  const allowed = allowSet(policy);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), policy.timeoutMs);
  const agent = new Agent({
    connect: { lookup: guardedLookup(allowed), timeout: policy.timeoutMs },
    headersTimeout: policy.timeoutMs,
    bodyTimeout: policy.timeoutMs,
    connections: 1,
  });
  const seen = new Set<string>();
  let current = rawUrl;
  try {
    for (let hop = 0; ; hop += 1) {
      const url = checkUrl(current, allowed);
      seen.add(url.href);
      const headers: Record<string, string> = {
        'user-agent': USER_AGENT,
        'accept-encoding': 'gzip, deflate, br',
        accept:
          options.accept === 'page'
            ? 'text/html,application/xhtml+xml;q=0.9'
            : 'application/rss+xml,application/atom+xml,application/feed+json,application/xml;q=0.9,text/xml;q=0.9,application/json;q=0.8,text/html;q=0.5',
      };
      if (options.etag) headers['if-none-match'] = options.etag;
      if (options.lastModified) headers['if-modified-since'] = options.lastModified;

      const response = await request(url, { method: 'GET', headers, dispatcher: agent, signal: controller.signal });
      const { statusCode } = response;

      if (REDIRECT_STATUSES.has(statusCode)) {
        await response.body.dump();
        const location = firstHeader(response.headers.location);
        if (location === null) {
          throw new IngestError('http_status', `${rawUrl} answered with redirect ${statusCode} but no Location header.`);
        }
        const next = new URL(location, url).href;
        if (seen.has(next)) {
          throw new IngestError('too_many_redirects', `${rawUrl} redirects in a loop (back to ${next}).`);
        }
        if (hop + 1 > policy.maxRedirects) {
          throw new IngestError(
            'too_many_redirects',
            `${rawUrl} redirected more than ${policy.maxRedirects} times; gave up at ${next}.`,
          );
        }
        current = next;
        continue;
      }
      if (statusCode === 304) {
        await response.body.dump();
        return { status: 'not_modified', url: url.href };
      }
      if (statusCode < 200 || statusCode >= 300) {
        await response.body.dump();
        throw new IngestError('http_status', `${url.href} answered HTTP ${statusCode}.`);
      }

      const contentTypeHeader = firstHeader(response.headers['content-type']);
      const contentType = (contentTypeHeader ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      if (!isAcceptedContentType(contentType, options.accept)) {
        discard(response.body);
        throw new IngestError(
          'bad_content_type',
          `${url.href} sent ${contentType === '' ? 'no content type' : `"${contentType}"`}, not ${describeKind(options.accept)}.`,
        );
      }
      const declaredLength = Number(firstHeader(response.headers['content-length']) ?? Number.NaN);
      if (Number.isFinite(declaredLength) && declaredLength > policy.maxBytes) {
        discard(response.body);
        throw new IngestError(
          'too_large',
          `${url.href} is ${declaredLength} bytes, over the ${policy.maxBytes}-byte limit (FETCH_MAX_BYTES).`,
        );
      }

      const encodings = contentEncodings(firstHeader(response.headers['content-encoding']));
      const unknown = encodings.find((encoding) => !DECOMPRESSORS.has(encoding));
      if (unknown !== undefined) {
        discard(response.body);
        throw new IngestError('bad_encoding', `${url.href} is compressed as "${unknown}", which newsbrief cannot read (only gzip, deflate and br).`);
      }
      const bytes = await readBody(response.body, encodings, policy.maxBytes, url.href);
      const decoded = decodeText(bytes, charsetOf(contentTypeHeader));
      if (!decoded.ok) {
        throw new IngestError('bad_encoding', `${url.href} sent "${contentType}" that is not text: ${decoded.reason}.`);
      }
      return {
        status: 'ok',
        url: url.href,
        contentType,
        body: decoded.text,
        bytes: bytes.length,
        etag: firstHeader(response.headers.etag),
        lastModified: firstHeader(response.headers['last-modified']),
      };
    }
  } catch (error) {
    if (error instanceof IngestError) throw error;
    const refused = findCause(error, RefusedAddressError);
    if (refused) {
      throw new IngestError(
        'address_refused',
        `Refused ${current}: ${refused.host} resolves to ${refused.address}, a ${refused.range} address. Add it to FETCH_ALLOW_HOSTS to allow it.`,
        { cause: error },
      );
    }
    if (controller.signal.aborted || isTimeout(error)) {
      throw new IngestError('timeout', `${current} did not answer within ${policy.timeoutMs} ms (FETCH_TIMEOUT_MS).`, {
        cause: error,
      });
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new IngestError('network', `Could not fetch ${current}: ${reason}.`, { cause: error });
  } finally {
    clearTimeout(timer);
    agent.destroy().catch(() => undefined);
  }
}

/** A decompressor for each HTTP content coding newsbrief reads (`deflate` is the zlib-wrapped form HTTP names). */
const DECOMPRESSORS = new Map<string, () => Transform>([
  ['gzip', createGunzip],
  ['x-gzip', createGunzip],
  ['deflate', createInflate],
  ['br', createBrotliDecompress],
]);

/** The codings of a Content-Encoding header in the order they were applied, `identity` left out. */
function contentEncodings(header: string | null): string[] {
  return (header ?? '')
    .split(',')
    .map((token) => token.trim().toLowerCase())
    .filter((token) => token !== '' && token !== 'identity');
}

/**
 * Reads a body, undoing its content codings, and stops as soon as the decoded bytes pass `maxBytes`: a small
 * compressed body that inflates past the limit (a decompression bomb) is refused like a large plain one.
 */
async function readBody(body: Readable, encodings: readonly string[], maxBytes: number, href: string): Promise<Buffer> {
  let decoded: Readable = body;
  // A decompressor also errors when the body is cut (timeout, reset); only its own failure means bad data.
  let bodyFailed = false;
  let decompressionFailed = false;
  body.once('error', () => {
    bodyFailed = true;
  });
  for (const encoding of [...encodings].reverse()) {
    const decompressor = DECOMPRESSORS.get(encoding)?.();
    if (!decompressor) continue;
    decompressor.once('error', () => {
      decompressionFailed = !bodyFailed;
    });
    decoded = pipeline(decoded, decompressor, () => undefined);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of decoded) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      total += buffer.length;
      if (total > maxBytes) {
        discard(body);
        const decompressed = encodings.length > 0 ? ' once decompressed' : '';
        throw new IngestError('too_large', `${href} sent more than ${maxBytes} bytes${decompressed} (FETCH_MAX_BYTES); stopped reading.`);
      }
      chunks.push(buffer);
    }
  } catch (error) {
    if (error instanceof IngestError || !decompressionFailed) throw error;
    throw new IngestError('bad_encoding', `${href} sent a ${encodings.join(', ')} body that could not be decompressed.`, { cause: error });
  }
  return Buffer.concat(chunks, total);
}

/** Stops reading a body we will not use; the abort it causes is expected, not an error to surface. */
function discard(body: { on(event: 'error', listener: () => void): unknown; destroy(): unknown }): void {
  body.on('error', () => undefined);
  body.destroy();
}

function isTimeout(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current instanceof Error; depth += 1) {
    const code = (current as NodeJS.ErrnoException).code;
    if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') return true;
    current = current.cause;
  }
  return false;
}
