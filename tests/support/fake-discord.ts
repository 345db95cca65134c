/**
 * A fake Discord for end-to-end tests, on 127.0.0.1 only: the REST routes newsbrief uses and a v10 JSON gateway
 * (no compression) that an unmodified discord.js Client logs in to. It records every REST request, can answer the
 * next requests to a route with 429 or 500, and sends interactions through the gateway.
 */
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export type RecordedRequest = {
  method: string;
  /** Path after `/api/v10`, e.g. `/interactions/123/tok/callback`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: unknown;
  /** The status the fake answered with. */
  status: number;
};

/** A message body as the bot sent it (Discord's JSON field names). */
export type SentBody = {
  content?: string;
  embeds?: {
    title?: string;
    description?: string;
    url?: string;
    author?: { name: string };
    footer?: { text: string };
    fields?: { name: string; value: string; inline?: boolean }[];
  }[];
  components?: { type: number; components: SentButton[] }[];
  allowed_mentions?: { parse?: string[]; users?: string[]; roles?: string[] };
  flags?: number;
};

/** A button as the bot sent it: `custom_id` for an action button (style 1-4), `url` for a link button (style 5). */
export type SentButton = { type: number; style: number; label?: string; custom_id?: string; url?: string; disabled?: boolean };

/** A message a user acts on (a button under it, a context-menu command on it). */
export type TargetMessage = { id?: string; content?: string; embeds?: SentBody['embeds']; components?: SentBody['components']; flags?: number };

/** `update`: a component press redrew the pressed message (callback type 7). */
export type SentMessage = { via: 'response' | 'edit' | 'follow-up' | 'update'; body: SentBody; isEphemeral: boolean };

/** Everything the bot sent for one interaction, in order. */
export type InteractionOutcome = {
  interactionId: string;
  /** The interaction callback body (`type` 4 reply, 5 deferred, 7 message update, 8 autocomplete result), if the bot sent one. */
  callback: { type: number; data?: SentBody & { choices?: { name: string; value: string | number }[] } } | undefined;
  isDeferred: boolean;
  /** The messages users see, in order: the response (or the edited deferred response), then follow-ups. */
  messages: SentMessage[];
  requests: RecordedRequest[];
};

/** An option value; `{ channel }` is a channel option (type 7), resolved as one of the fake server's text channels. */
export type OptionInput = string | number | boolean | { channel: string };

/** Who runs a command and how: the member's permission bits, and the subcommand that holds the options. */
export type InvokeOptions = { permissions?: string; subcommand?: string };

const EPHEMERAL = 1 << 6;
const HEARTBEAT_INTERVAL_MS = 41_250;
const ADMINISTRATOR = (1n << 3n).toString();
const SEND_AND_EMBED = ((1n << 10n) | (1n << 11n) | (1n << 14n)).toString();

type Failure = { method: string; path: RegExp; status: 429 | 500; remaining: number };

export class FakeDiscord {
  readonly token = 'fake-bot-token';
  readonly applicationId = '1300000000000000001';
  readonly guildId = '1300000000000000002';
  readonly channelId = '1300000000000000003';
  readonly userId = '1300000000000000004';
  /** A second text channel where everyone, the bot included, is denied Send Messages. */
  readonly readOnlyChannelId = '1300000000000000005';
  readonly requests: RecordedRequest[] = [];
  /** Every IDENTIFY payload's `d` the gateway received. */
  readonly identifies: Record<string, unknown>[] = [];

  #http: Server;
  #wss: WebSocketServer;
  #sockets = new Set<WebSocket>();
  #failures: Failure[] = [];
  #sequence = 0;
  #nextSnowflake = 1_300_000_000_000_100_000n;
  #handled = new Map<string, () => void>();
  #handledIds = new Set<string>();
  #requestListeners = new Set<() => void>();

  private constructor(http: Server, wss: WebSocketServer) {
    this.#http = http;
    this.#wss = wss;
  }

  /** Starts the REST server and gateway on a free loopback port. */
  static async start(): Promise<FakeDiscord> {
    const http = createServer();
    const wss = new WebSocketServer({ server: http });
    const fake = new FakeDiscord(http, wss);
    http.on('request', (req, res) => void fake.#onRequest(req, res));
    wss.on('connection', (socket) => fake.#onConnection(socket));
    http.listen(0, '127.0.0.1');
    await once(http, 'listening');
    return fake;
  }

  get port(): number {
    return (this.#http.address() as AddressInfo).port;
  }

  /** The value for `DISCORD_API_URL`. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  /** Answers the next `times` requests matching `method` and `path` with `status` (429 carries retry-after). */
  failNext(method: string, path: RegExp, status: 429 | 500, times = 1): void {
    this.#failures.push({ method: method.toUpperCase(), path, status, remaining: times });
  }

  /** The bot calls this (through its `onInteractionHandled` hook) when it has finished answering an interaction. */
  markHandled(interactionId: string): void {
    this.#handledIds.add(interactionId);
    this.#handled.get(interactionId)?.();
  }

  /** Sends a chat-input command through the gateway and resolves with everything the bot sent for it. */
  async slashCommand(name: string, options: Record<string, OptionInput> = {}, invoke: InvokeOptions = {}): Promise<InteractionOutcome> {
    return this.#interact(2, name, options, undefined, invoke);
  }

  /** Sends an autocomplete interaction for `focused` and resolves with the choices the bot answered. */
  async autocomplete(
    name: string,
    options: Record<string, OptionInput>,
    focused: string,
    invoke: InvokeOptions = {},
  ): Promise<InteractionOutcome> {
    return this.#interact(4, name, options, focused, invoke);
  }

  /** Presses the button with `customId` under `message` and resolves with everything the bot sent for it. */
  async pressButton(customId: string, message: TargetMessage = {}): Promise<InteractionOutcome> {
    return this.#dispatchInteraction((id, token) => ({
      ...this.#interactionBase(id, token, 3, SEND_AND_EMBED),
      message: this.#message({ ...message }, true, this.channelId, message.id),
      data: { custom_id: customId, component_type: 2 },
    }));
  }

  /** Runs the message context-menu command `name` (type 3) on `message` and resolves with what the bot sent. */
  async messageCommand(name: string, message: TargetMessage): Promise<InteractionOutcome> {
    return this.#dispatchInteraction((id, token) => {
      const target = this.#message(message, false, this.channelId, message.id);
      target['author'] = this.#user(this.userId, 'reporter', false);
      return {
        ...this.#interactionBase(id, token, 2, SEND_AND_EMBED),
        data: { id: '1300000000000000901', name, type: 3, guild_id: this.guildId, target_id: target['id'], resolved: { messages: { [String(target['id'])]: target } } },
      };
    });
  }

  /** Resolves once a request matching the predicate has been recorded. */
  async waitForRequest(predicate: (request: RecordedRequest) => boolean): Promise<RecordedRequest> {
    for (;;) {
      const found = this.requests.find(predicate);
      if (found) return found;
      await new Promise<void>((resolve) => {
        const listener = (): void => {
          this.#requestListeners.delete(listener);
          resolve();
        };
        this.#requestListeners.add(listener);
      });
    }
  }

  /** Closes every gateway connection and both servers. */
  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.terminate();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
    this.#http.closeAllConnections();
    await new Promise<void>((resolve) => this.#http.close(() => resolve()));
  }

  /** Administrator permissions, for tests of commands that need Manage Server. */
  static readonly ADMIN_PERMISSIONS = ADMINISTRATOR;

  #snowflake(): string {
    this.#nextSnowflake += 1n;
    return this.#nextSnowflake.toString();
  }

  async #interact(
    type: 2 | 4,
    name: string,
    options: Record<string, OptionInput>,
    focused: string | undefined,
    invoke: InvokeOptions,
  ): Promise<InteractionOutcome> {
    return this.#dispatchInteraction((id, token) => this.#interactionPayload(id, token, type, name, options, focused, invoke));
  }

  async #dispatchInteraction(payload: (id: string, token: string) => Record<string, unknown>): Promise<InteractionOutcome> {
    const id = this.#snowflake();
    const token = `interaction-token-${id}`;
    const handled = new Promise<void>((resolve) => {
      if (this.#handledIds.has(id)) resolve();
      else this.#handled.set(id, resolve);
    });
    this.#dispatch('INTERACTION_CREATE', payload(id, token));
    await handled;
    this.#handled.delete(id);
    return this.#outcome(id, token);
  }

  /** The fields every interaction in the fake server's text channel carries, from the fake reporter. */
  #interactionBase(id: string, token: string, type: number, permissions: string): Record<string, unknown> {
    return {
      id,
      application_id: this.applicationId,
      type,
      token,
      version: 1,
      guild_id: this.guildId,
      guild: { id: this.guildId, locale: 'en-US', features: [] },
      channel_id: this.channelId,
      channel: this.#channel(),
      member: { ...this.#member(this.#user(this.userId, 'reporter', false), '2026-01-05T09:00:00.000Z'), permissions },
      app_permissions: SEND_AND_EMBED,
      locale: 'en-US',
      guild_locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { '0': this.guildId },
      context: 0,
      attachment_size_limit: 10_485_760,
    };
  }

  #interactionPayload(
    id: string,
    token: string,
    type: 2 | 4,
    name: string,
    options: Record<string, OptionInput>,
    focused: string | undefined,
    invoke: InvokeOptions,
  ): Record<string, unknown> {
    const values = Object.entries(options).map(([optionName, value]) => ({
      name: optionName,
      type: optionType(value, optionName === focused),
      value: typeof value === 'object' ? value.channel : optionName === focused ? String(value) : value,
      ...(optionName === focused ? { focused: true } : {}),
    }));
    const channelIds = Object.values(options).flatMap((value) => (typeof value === 'object' ? [value.channel] : []));
    const permissions = invoke.permissions ?? SEND_AND_EMBED;
    return {
      ...this.#interactionBase(id, token, type, permissions),
      data: {
        id: '1300000000000000900',
        name,
        type: 1,
        guild_id: this.guildId,
        options: invoke.subcommand === undefined ? values : [{ name: invoke.subcommand, type: 1, options: values }],
        // Discord sends the channels that options name; the fake knows only its own text channel.
        ...(channelIds.length > 0
          ? { resolved: { channels: Object.fromEntries(channelIds.map((id) => [id, { ...this.#channel(id), permissions: SEND_AND_EMBED }])) } }
          : {}),
      },
    };
  }

  #outcome(interactionId: string, token: string): InteractionOutcome {
    const requests = this.requests.filter((request) => request.path.includes(`/${token}`) && request.status < 300);
    const callbackRequest = requests.find((request) => request.path.endsWith('/callback'));
    const callback = callbackRequest?.body as InteractionOutcome['callback'];
    const isDeferred = callback?.type === 5;
    const deferredEphemeral = isDeferred && ((callback?.data?.flags ?? 0) & EPHEMERAL) !== 0;
    const messages: SentMessage[] = [];
    for (const request of requests) {
      const body = request.body as SentBody;
      if (request === callbackRequest && callback?.type === 4) {
        messages.push({ via: 'response', body, isEphemeral: ((callback.data?.flags ?? 0) & EPHEMERAL) !== 0 });
      } else if (request === callbackRequest && callback?.type === 7) {
        messages.push({ via: 'update', body: callback.data ?? {}, isEphemeral: false });
      } else if (request.method === 'PATCH' && request.path.endsWith('/messages/@original')) {
        messages.push({ via: 'edit', body, isEphemeral: deferredEphemeral });
      } else if (request.method === 'DELETE' && request.path.endsWith('/messages/@original')) {
        const index = messages.findIndex((message) => message.via === 'edit');
        if (index >= 0) messages.splice(index, 1);
      } else if (request.method === 'POST' && request.path === `/webhooks/${this.applicationId}/${token}`) {
        messages.push({ via: 'follow-up', body, isEphemeral: ((body.flags ?? 0) & EPHEMERAL) !== 0 });
      }
    }
    if (callback?.type === 4 && callback.data !== undefined) {
      const first = messages.find((message) => message.via === 'response');
      if (first) first.body = callback.data;
    }
    return { interactionId, callback, isDeferred, messages, requests };
  }

  #dispatch(event: string, data: unknown): void {
    this.#sequence += 1;
    const payload = JSON.stringify({ op: 0, t: event, s: this.#sequence, d: data });
    for (const socket of this.#sockets) socket.send(payload);
  }

  #onConnection(socket: WebSocket): void {
    this.#sockets.add(socket);
    socket.on('close', () => this.#sockets.delete(socket));
    socket.send(JSON.stringify({ op: 10, t: null, s: null, d: { heartbeat_interval: HEARTBEAT_INTERVAL_MS } }));
    socket.on('message', (raw) => {
      const text = Array.isArray(raw) ? Buffer.concat(raw).toString('utf8') : Buffer.from(raw as ArrayBuffer).toString('utf8');
      const payload = JSON.parse(text) as { op: number; d: unknown };
      if (payload.op === 1) socket.send(JSON.stringify({ op: 11, t: null, s: null, d: null }));
      if (payload.op === 2) this.#onIdentify(payload.d as Record<string, unknown>);
    });
  }

  #onIdentify(identify: Record<string, unknown>): void {
    this.identifies.push(identify);
    this.#dispatch('READY', {
      v: 10,
      user: this.#user(this.applicationId, 'newsbrief', true),
      guilds: [{ id: this.guildId, unavailable: true }],
      session_id: 'fake-session',
      resume_gateway_url: `ws://127.0.0.1:${this.port}`,
      shard: [0, 1],
      application: { id: this.applicationId, flags: 0 },
      private_channels: [],
      presences: [],
      relationships: [],
      guild_join_requests: [],
      user_settings: {},
    });
    this.#dispatch('GUILD_CREATE', this.#guild());
  }

  #user(id: string, username: string, isBot: boolean): Record<string, unknown> {
    return { id, username, discriminator: '0', global_name: null, avatar: null, bot: isBot, flags: 0, public_flags: 0 };
  }

  #member(user: Record<string, unknown>, joinedAt: string): Record<string, unknown> {
    return { user, roles: [], joined_at: joinedAt, deaf: false, mute: false, flags: 0, pending: false, nick: null, avatar: null, premium_since: null };
  }

  #channel(id = this.channelId): Record<string, unknown> {
    const readOnly = id === this.readOnlyChannelId;
    return {
      id,
      type: 0,
      guild_id: this.guildId,
      name: readOnly ? 'announcements-archive' : 'newsroom',
      position: readOnly ? 1 : 0,
      // Overwrite type 0 is a role; the server's id is its @everyone role.
      permission_overwrites: readOnly ? [{ id: this.guildId, type: 0, allow: '0', deny: (1n << 11n).toString() }] : [],
      nsfw: false,
      topic: null,
      last_message_id: null,
      rate_limit_per_user: 0,
      parent_id: null,
      flags: 0,
    };
  }

  #guild(): Record<string, unknown> {
    return {
      id: this.guildId,
      name: 'Tidewater newsroom',
      icon: null,
      splash: null,
      discovery_splash: null,
      banner: null,
      description: null,
      owner_id: this.userId,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      mfa_level: 0,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      public_updates_channel_id: null,
      safety_alerts_channel_id: null,
      vanity_url_code: null,
      premium_tier: 0,
      premium_subscription_count: 0,
      premium_progress_bar_enabled: false,
      preferred_locale: 'en-US',
      nsfw_level: 0,
      features: [],
      roles: [
        { id: this.guildId, name: '@everyone', permissions: SEND_AND_EMBED, position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 },
        { id: '123456789012345678', name: 'editors', permissions: SEND_AND_EMBED, position: 1, color: 0, hoist: false, managed: false, mentionable: true, flags: 0 },
      ],
      emojis: [],
      stickers: [],
      joined_at: '2026-01-01T00:00:00.000Z',
      large: false,
      unavailable: false,
      member_count: 2,
      // The bot's own member, so discord.js can work out its permissions in the channel (`guild.members.me`).
      members: [this.#member(this.#user(this.applicationId, 'newsbrief', true), '2026-01-01T00:00:00.000Z')],
      channels: [this.#channel(), this.#channel(this.readOnlyChannelId)],
      threads: [],
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
      max_video_channel_users: 25,
      application_id: null,
    };
  }

  async #onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${this.port}`);
    const method = (req.method ?? 'GET').toUpperCase();
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
    let body: unknown = null;
    if (raw !== '') {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
    }
    const record: RecordedRequest = { method, path, query: url.searchParams, headers: req.headers, body, status: 0 };
    this.requests.push(record);
    const reply = (status: number, json?: unknown, headers: Record<string, string> = {}): void => {
      record.status = status;
      res.writeHead(status, { ...(json === undefined ? {} : { 'content-type': 'application/json' }), ...headers });
      res.end(json === undefined ? undefined : JSON.stringify(json));
      for (const listener of [...this.#requestListeners]) listener();
    };

    const failure = this.#failures.find((candidate) => candidate.remaining > 0 && candidate.method === method && candidate.path.test(path));
    if (failure) {
      failure.remaining -= 1;
      if (failure.status === 429) {
        reply(429, { message: 'You are being rate limited.', retry_after: 0.05, global: false }, {
          'retry-after': '0.05',
          'x-ratelimit-scope': 'user',
          'x-ratelimit-limit': '5',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset-after': '0.05',
          'x-ratelimit-bucket': 'fake-bucket',
        });
      } else {
        reply(500, { message: '500: Internal Server Error', code: 0 });
      }
      return;
    }
    this.#route(method, path, url.searchParams, body, reply);
  }

  #route(
    method: string,
    path: string,
    query: URLSearchParams,
    body: unknown,
    reply: (status: number, json?: unknown, headers?: Record<string, string>) => void,
  ): void {
    const app = this.applicationId;
    if (method === 'GET' && (path === '/gateway/bot' || path === '/gateway')) {
      return reply(200, {
        url: `ws://127.0.0.1:${this.port}`,
        shards: 1,
        session_start_limit: { total: 1_000, remaining: 999, reset_after: 0, max_concurrency: 1 },
      });
    }
    if (method === 'GET' && path === '/users/@me') return reply(200, this.#user(app, 'newsbrief', true));
    if (method === 'GET' && path === '/applications/@me') {
      return reply(200, { id: app, name: 'newsbrief', description: '', icon: null, bot_public: true, bot_require_code_grant: false, flags: 0, verify_key: 'fake' });
    }
    if (method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) {
      return query.get('with_response') === 'true' ? reply(200, { interaction: { id: path.split('/')[2], type: 2 } }) : reply(204);
    }
    const webhookMessage = new RegExp(`^/webhooks/${app}/([^/]+)/messages/(@original|\\d+)$`).exec(path);
    if (webhookMessage && method === 'PATCH') return reply(200, this.#message(body as SentBody, true));
    if (webhookMessage && method === 'GET') return reply(200, this.#message({}, true));
    if (webhookMessage && method === 'DELETE') return reply(204);
    if (method === 'POST' && new RegExp(`^/webhooks/${app}/[^/]+$`).test(path)) return reply(200, this.#message(body as SentBody, true));
    const channelMessages = /^\/channels\/(\d+)\/messages$/.exec(path);
    if (method === 'POST' && channelMessages) return reply(200, this.#message(body as SentBody, false, channelMessages[1]));
    if (method === 'PUT' && (path === `/applications/${app}/commands` || new RegExp(`^/applications/${app}/guilds/\\d+/commands$`).test(path))) {
      const definitions = Array.isArray(body) ? (body as Record<string, unknown>[]) : [];
      return reply(200, definitions.map((definition) => ({ ...definition, id: this.#snowflake(), application_id: app, version: '1' })));
    }
    reply(404, { message: `Unknown route ${method} ${path}`, code: 0 });
  }

  #message(body: SentBody, isWebhook: boolean, channelId = this.channelId, id = this.#snowflake()): Record<string, unknown> {
    return {
      id,
      type: isWebhook ? 20 : 0,
      channel_id: channelId,
      content: body.content ?? '',
      embeds: body.embeds ?? [],
      attachments: [],
      components: body.components ?? [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      tts: false,
      pinned: false,
      flags: body.flags ?? 0,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      author: this.#user(this.applicationId, 'newsbrief', true),
      ...(isWebhook ? { webhook_id: this.applicationId, application_id: this.applicationId } : {}),
    };
  }
}

/** Discord's option type for a value: 3 string, 4 integer, 5 boolean, 7 channel, 10 number; focused options arrive as strings. */
function optionType(value: OptionInput, isFocused: boolean): number {
  if (typeof value === 'object') return 7;
  if (isFocused || typeof value === 'string') return 3;
  if (typeof value === 'boolean') return 5;
  return Number.isInteger(value) ? 4 : 10;
}
