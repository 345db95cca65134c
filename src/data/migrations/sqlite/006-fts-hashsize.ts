/**
 * Full-text index tuning: let the article index gather up to 16 MiB of new entries in memory before it writes them
 * out as a segment, instead of 1 MiB. A bulk ingest of 1,000 articles in one transaction then writes one segment
 * rather than about four, so later merges have fewer, larger segments to rewrite. Memory is only held while a
 * transaction adds many articles, and the index is written out at every commit as before. The title index gathers
 * far less than 1 MiB per transaction, so it keeps the default. Stored in the index's own configuration.
 */
export const FTS_HASHSIZE_SQL = `
INSERT INTO articles_fts (articles_fts, rank) VALUES ('hashsize', 16777216);
`;
