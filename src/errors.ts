/** Why a user-facing failure happened; one stable code per cause so logs and tests can group them. */
export type UserErrorCode =
  | 'article_not_found'
  | 'no_quotes'
  | 'unknown_speaker'
  | 'bad_option'
  | 'store_unavailable'
  | 'missing_permission'
  | 'digest_not_configured'
  | 'channel_unusable'
  | 'fetch_failed'
  | 'no_link'
  | 'page_expired';

/** A failure users can fix themselves; `message` is shown to them as written. */
export class UserError extends Error {
  override name = 'UserError';
  constructor(
    readonly code: UserErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The environment or `.env` holds a bad value; the message names every bad variable and never a secret. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Command-line usage error (exit code 2). */
export class UsageError extends Error {
  override name = 'UsageError';
}

export type IngestErrorCode =
  | 'timeout'
  | 'too_large'
  | 'too_many_redirects'
  | 'bad_content_type'
  | 'bad_encoding'
  | 'http_status'
  | 'address_refused'
  | 'network'
  | 'malformed_feed'
  | 'malformed_file'
  | 'empty_article'
  | 'too_complex'
  | 'not_found';

/** An ingestion source could not be read; `message` is plain words that name the source. */
export class IngestError extends Error {
  override name = 'IngestError';
  constructor(
    readonly code: IngestErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The store could not be reached or answered with an error (not "not found", which is a return value). */
export class StoreError extends Error {
  override name = 'StoreError';
}

/**
 * The configured store could not be opened at all (server down, bad password, missing folder, not a database):
 * a configuration problem. `message` is one plain line naming the store, never its password.
 */
export class StoreUnavailableError extends StoreError {
  override name = 'StoreUnavailableError';
}

/** Discord could not be reached (or did not finish logging in) within the configured attempts. */
export class DiscordUnavailableError extends Error {
  override name = 'DiscordUnavailableError';
}
