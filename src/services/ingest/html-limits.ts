import { IngestError } from '../../errors.js';

/**
 * Deepest element nesting read. Real article pages stay under about 60 levels; Readability's cost grows with the
 * cube of the depth (1,000 nested divs took minutes, 20,000 overflowed the stack).
 */
export const MAX_HTML_DEPTH = 256;
/** Most elements read in one document; a long article page has a few thousand. */
export const MAX_HTML_ELEMENTS = 30_000;
/** CPU time one document (a page, or a feed with all its items) may take to read. */
export const DOCUMENT_CPU_BUDGET_MS = 10_000;

/** Elements that never have children or an end tag. */
const VOID_TAGS = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr',
]);
/** Elements whose content is text up to their end tag, never markup. */
const RAW_TEXT_TAGS = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext']);
/** For elements whose end tag may be left out: the open elements their opening tag closes (`<li>` after `<li>`). */
const CELLS = ['td', 'th', 'p'];
const IMPLIED_ENDS: Readonly<Record<string, ReadonlySet<string>>> = {
  p: new Set(['p']),
  li: new Set(['li', 'p']),
  dt: new Set(['dt', 'dd', 'p']),
  dd: new Set(['dt', 'dd', 'p']),
  td: new Set(CELLS),
  th: new Set(CELLS),
  tr: new Set([...CELLS, 'tr']),
  thead: new Set([...CELLS, 'tr', 'thead', 'tbody', 'tfoot']),
  tbody: new Set([...CELLS, 'tr', 'thead', 'tbody', 'tfoot']),
  tfoot: new Set([...CELLS, 'tr', 'thead', 'tbody', 'tfoot']),
  option: new Set(['option']),
  optgroup: new Set(['option', 'optgroup']),
  rb: new Set(['rb', 'rt', 'rp', 'rtc']),
  rt: new Set(['rb', 'rt', 'rp']),
  rp: new Set(['rb', 'rt', 'rp']),
  rtc: new Set(['rb', 'rt', 'rp', 'rtc']),
};
/** Block elements whose opening tag closes an open `<p>`. */
const CLOSES_P = new Set([
  'address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer',
  'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section',
  'table', 'ul',
]);
/** How far up the open elements an end tag looks for its element; a stray end tag further off is ignored. */
const END_TAG_REACH = 16;

// `[^<>]` rather than `[^>]`: a `<` without its `>` must not make every later `<` scan to the end (quadratic).
const TAG = /<(\/?)([a-zA-Z][^\s/<>]*)[^<>]*>|<!--[\s\S]*?(?:-->|$)|<![^<>]*>|<\?[^<>]*>/g;

export type HtmlShape = { elements: number; depth: number };

/**
 * Counts the elements of an HTML document or fragment and estimates its deepest nesting, in one pass over the
 * tags without building a DOM, so that a hostile document is refused before it is parsed. The estimate follows
 * the HTML rules that matter for depth (void elements, raw text, implied end tags) closely enough that real pages
 * are never over-counted by much; it stops counting once either cap is passed.
 */
export function measureHtml(html: string): HtmlShape {
  const open: string[] = [];
  let elements = 0;
  let depth = 0;
  TAG.lastIndex = 0;
  for (let match = TAG.exec(html); match !== null; match = TAG.exec(html)) {
    const name = match[2]?.toLowerCase();
    if (name === undefined) continue;
    if (match[1] === '/') {
      const at = open.lastIndexOf(name);
      if (at !== -1 && open.length - at <= END_TAG_REACH) open.length = at;
      continue;
    }
    elements += 1;
    if (VOID_TAGS.has(name) || match[0].endsWith('/>')) {
      depth = Math.max(depth, open.length + 1);
    } else if (RAW_TEXT_TAGS.has(name)) {
      depth = Math.max(depth, open.length + 1);
      const end = new RegExp(`</${name}`, 'gi');
      end.lastIndex = TAG.lastIndex;
      TAG.lastIndex = end.exec(html)?.index ?? html.length;
    } else {
      const closes = IMPLIED_ENDS[name];
      if (closes !== undefined) {
        while (open.length > 0 && closes.has(open[open.length - 1] ?? '')) open.pop();
      }
      if (CLOSES_P.has(name) && open[open.length - 1] === 'p') open.pop();
      open.push(name);
      depth = Math.max(depth, open.length);
    }
    if (elements > MAX_HTML_ELEMENTS || depth > MAX_HTML_DEPTH) break;
  }
  return { elements, depth };
}

/** Throws `IngestError('too_complex')` naming `source` when the HTML passes the depth or element cap. */
export function assertReadableHtml(html: string, source: string): void {
  const { elements, depth } = measureHtml(html);
  if (depth > MAX_HTML_DEPTH) {
    throw new IngestError(
      'too_complex',
      `${source} nests its HTML more than ${MAX_HTML_DEPTH} elements deep; newsbrief does not read such documents.`,
    );
  }
  if (elements > MAX_HTML_ELEMENTS) {
    throw new IngestError(
      'too_complex',
      `${source} has more than ${MAX_HTML_ELEMENTS} HTML elements; newsbrief does not read such documents.`,
    );
  }
}

/** A CPU time allowance for reading one document, checked between the steps of the work. */
export type CpuBudget = {
  readonly limitMs: number;
  /** Whether the document has used up its CPU time. */
  isSpent(): boolean;
  /** Throws `IngestError('too_complex')` naming `source` once the document has used up its CPU time. */
  check(source: string): void;
};

/** Starts a budget of `limitMs` of this process's CPU time (user and system), from now. */
export function startCpuBudget(limitMs = DOCUMENT_CPU_BUDGET_MS): CpuBudget {
  const start = process.cpuUsage();
  const isSpent = (): boolean => {
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1_000 > limitMs;
  };
  return {
    limitMs,
    isSpent,
    check(source) {
      if (isSpent()) {
        throw new IngestError('too_complex', `${source} took more than ${limitMs} ms of CPU time to read; newsbrief stopped reading it.`);
      }
    },
  };
}
