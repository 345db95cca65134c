import {
  ApplicationCommandOptionType as Opt,
  ChannelType,
  InteractionContextType,
  PermissionFlagsBits,
} from 'discord-api-types/v10';
import { z } from 'zod';
import { UserError } from '../errors.js';
import { DigestSettings } from '../data/schemas.js';
import { renderTextChoices } from '../render/choices.js';
import { renderDigest } from '../render/digest.js';
import { renderNotice } from '../render/notice.js';
import type { Reply } from '../render/reply.js';
import { safeDigestLines } from '../services/digest/digest-lines.js';
import { prepareDigest } from '../services/digest/digest-runner.js';
import { defaultDigestSettings, findLocalDigestSettings, previewDigestSettings } from '../services/digest/digest-settings.js';
import { nextSlotAfter } from '../services/digest/digest-slot.js';
import { addDays, localDateOf } from '../services/local-time.js';
import { isValidTimeZone, listTimeZones } from '../time-zone.js';
import { defineCommand, type CommandContext } from './command.js';

const MANAGE_GUILD = PermissionFlagsBits.ManageGuild;
const ADMINISTRATOR = PermissionFlagsBits.Administrator;

const Time = z
  .string()
  .trim()
  .regex(/^\d{1,2}:\d{2}$/, { message: 'use a 24-hour time like 07:30' })
  .transform((value) => value.padStart(5, '0'))
  .refine((value) => /^([01]\d|2[0-3]):[0-5]\d$/.test(value), { message: 'use a 24-hour time from 00:00 to 23:59, like 07:30' });

const TimeZone = z
  .string()
  .trim()
  .refine(isValidTimeZone, { message: 'is not a time zone I know; pick one from the list, like Europe/London or America/New_York' });

const Sections = z
  .string()
  .max(500)
  .transform((value) => [...new Set(value.split(',').map((part) => part.trim()).filter((part) => part !== ''))])
  .refine((sections) => sections.every((section) => section.length <= 100), { message: 'each section name is at most 100 characters' });

const DigestArgs = z.discriminatedUnion('subcommand', [
  z.object({
    subcommand: z.literal('set'),
    channel: z.string().regex(/^\d{15,21}$/, { message: 'pick a channel from the list' }),
    time: Time,
    timezone: TimeZone,
    max: z.number().int().min(1, { message: 'must be 1 to 50' }).max(50, { message: 'must be 1 to 50' }).optional(),
    sections: Sections.optional(),
  }),
  z.object({ subcommand: z.literal('show') }),
  z.object({ subcommand: z.literal('off') }),
  z.object({ subcommand: z.literal('preview') }),
]);

export const digest = defineCommand({
  definition: {
    name: 'digest',
    description: "This server's daily digest of new stories",
    // Hidden from members without Manage Server unless an admin allows them; the handler checks again.
    default_member_permissions: MANAGE_GUILD.toString(),
    contexts: [InteractionContextType.Guild],
    options: [
      {
        type: Opt.Subcommand,
        name: 'set',
        description: 'Post the digest every day in a channel at a local time',
        options: [
          {
            type: Opt.Channel,
            name: 'channel',
            description: 'Where to post',
            required: true,
            channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
          },
          { type: Opt.String, name: 'time', description: 'Local time, 24-hour, e.g. 07:30', required: true, max_length: 5 },
          { type: Opt.String, name: 'timezone', description: 'Time zone, e.g. Europe/London', required: true, autocomplete: true, max_length: 64 },
          { type: Opt.Integer, name: 'max', description: 'Most stories per digest (1-50)', min_value: 1, max_value: 50 },
          { type: Opt.String, name: 'sections', description: 'Only these sections, comma-separated (default: all)', max_length: 500 },
        ],
      },
      { type: Opt.Subcommand, name: 'show', description: "Show this server's digest settings" },
      { type: Opt.Subcommand, name: 'off', description: 'Stop posting the digest' },
      { type: Opt.Subcommand, name: 'preview', description: 'Show only to you what the digest would post now' },
    ],
  },
  args: DigestArgs,
  async run(args, ctx) {
    const guildId = ctx.guildId;
    if (guildId === null) {
      if (args.subcommand === 'preview') return previewLocalDigest(ctx);
      throw new UserError('bad_option', 'The digest is set per server: use /digest in a channel of your server. Here, /digest preview shows the digest.');
    }
    switch (args.subcommand) {
      case 'set':
        requireManageGuild(ctx);
        return setDigest(guildId, args, ctx);
      case 'off':
        requireManageGuild(ctx);
        return turnOff(guildId, ctx);
      case 'show':
        return showDigest(guildId, ctx);
      case 'preview':
        return previewDigest(guildId, ctx);
    }
  },
  async autocomplete(focused, ctx) {
    if (focused.name !== 'timezone') return [];
    return renderTextChoices(suggestTimeZones(focused.value, ctx.config.digest.defaultTimezone));
  },
  isPrivate: () => true,
  localSubcommands: ['preview'],
});

/** True when the permission bitfield has Manage Server (or Administrator, which implies it). */
export function canManageGuild(permissions: string | null): boolean {
  if (permissions === null || !/^\d+$/.test(permissions)) return false;
  const bits = BigInt(permissions);
  return (bits & MANAGE_GUILD) === MANAGE_GUILD || (bits & ADMINISTRATOR) === ADMINISTRATOR;
}

function requireManageGuild(ctx: CommandContext): void {
  if (!canManageGuild(ctx.memberPermissions)) {
    throw new UserError('missing_permission', 'Changing the digest needs the Manage Server permission.');
  }
}

/** Time zones for autocomplete: the configured one first when nothing is typed, then those whose name or part starts with the text, then those containing it. */
export function suggestTimeZones(typed: string, preferred: string): string[] {
  const needle = typed.trim().toLowerCase().replace(/\s+/g, '_');
  const zones = listTimeZones();
  if (needle === '') return [preferred, 'UTC', ...zones];
  const lower = zones.map((zone) => ({ zone, lower: zone.toLowerCase() }));
  const starts = lower.filter(({ lower: name }) => name.startsWith(needle) || name.split('/').some((part) => part.startsWith(needle)));
  const contains = lower.filter(({ lower: name }) => name.includes(needle));
  return [...starts, ...contains].map(({ zone }) => zone);
}

type SetArgs = Extract<z.output<typeof DigestArgs>, { subcommand: 'set' }>;

async function setDigest(guildId: string, args: SetArgs, ctx: CommandContext): Promise<Reply> {
  if (ctx.channelAccess !== undefined) {
    const access = await ctx.channelAccess(args.channel);
    if (!access.ok) {
      throw new UserError(
        'channel_unusable',
        `I can't post in <#${args.channel}>: ${access.reason}. Pick another channel, or give me View Channel, Send Messages and Embed Links there. Nothing was changed.`,
      );
    }
  }
  const existing = await ctx.store.digests.getSettings(guildId);
  const settings = DigestSettings.parse({
    guildId,
    channelId: args.channel,
    time: args.time,
    timezone: args.timezone,
    maxStories: args.max ?? existing?.maxStories ?? ctx.config.digest.maxStories,
    sections: args.sections ?? existing?.sections ?? [],
    enabled: true,
    emptyDay: existing?.emptyDay ?? ctx.config.digest.emptyDay,
    updatedAt: ctx.now().toISOString(),
  });
  await ctx.store.digests.saveSettings(settings);
  const rescheduled = await reschedule(guildId, ctx);
  return renderNotice(
    [`Daily digest set: ${describeSettings(settings, await nextPostingDay(settings, ctx))}.`, rescheduled ? null : RESCHEDULE_NOTE].filter(Boolean).join('\n'),
  );
}

const RESCHEDULE_NOTE = 'The new time takes effect when the bot next starts (the scheduler did not answer).';

/** Tells the scheduler; `false` when it could not (the settings are saved either way). */
async function reschedule(guildId: string, ctx: CommandContext): Promise<boolean> {
  if (ctx.digestScheduler === undefined) return true;
  try {
    await ctx.digestScheduler.reschedule(guildId);
    return true;
  } catch (error) {
    ctx.log.warn({ err: error, guildId }, 'digest reschedule failed');
    return false;
  }
}

async function turnOff(guildId: string, ctx: CommandContext): Promise<Reply> {
  const existing = await ctx.store.digests.getSettings(guildId);
  if (existing === undefined || !existing.enabled) return renderNotice('The daily digest is already off for this server.');
  // Kept, switched off: `/digest show` can still say what it was, and `.env` defaults do not take over.
  await ctx.store.digests.saveSettings({ ...existing, enabled: false, updatedAt: ctx.now().toISOString() });
  const rescheduled = await reschedule(guildId, ctx);
  return renderNotice(
    ['The daily digest is off. `/digest set` turns it on again.', rescheduled ? null : RESCHEDULE_NOTE].filter(Boolean).join('\n'),
  );
}

/** Stored settings, else the single-server defaults from `.env` when they name a channel. */
async function effectiveSettings(guildId: string, ctx: CommandContext): Promise<{ settings: DigestSettings; isDefault: boolean } | undefined> {
  const stored = await ctx.store.digests.getSettings(guildId);
  if (stored !== undefined) return { settings: stored, isDefault: false };
  const fallback = defaultDigestSettings(ctx.config.digest, { guildId, now: ctx.now() });
  return fallback === undefined ? undefined : { settings: fallback, isDefault: true };
}

async function showDigest(guildId: string, ctx: CommandContext): Promise<Reply> {
  const found = await effectiveSettings(guildId, ctx);
  if (found === undefined) {
    return renderNotice('No daily digest is set for this server. `/digest set channel time timezone` sets one.');
  }
  const { settings, isDefault } = found;
  const last = await ctx.store.digests.lastPosted(guildId);
  const lines = [
    settings.enabled
      ? `Daily digest: ${describeSettings(settings, await nextPostingDay(settings, ctx))}.`
      : `The daily digest is off (it was ${describeSettings(settings, null)}).`,
    isDefault ? 'These are the defaults from the bot\'s configuration; `/digest set` stores this server\'s own.' : null,
    last !== undefined ? `Last posted for ${last.localDate}.` : 'Not posted yet.',
  ];
  return renderNotice(lines.filter(Boolean).join('\n'));
}

async function previewDigest(guildId: string, ctx: CommandContext): Promise<Reply> {
  const found = await effectiveSettings(guildId, ctx);
  // Unset: preview with the configured defaults, so a server can see what it would get before setting it.
  return renderPreview(found?.settings ?? previewDigestSettings(ctx.config.digest, { guildId, now: ctx.now() }), ctx);
}

/** Outside a server (the console): the digest `newsbrief digest --dry-run` prints, from the same settings. */
async function previewLocalDigest(ctx: CommandContext): Promise<Reply> {
  const local = await findLocalDigestSettings(ctx.store.digests, ctx.config.digest, { now: ctx.now() });
  if (local.found === 'several') {
    throw new UserError(
      'bad_option',
      `Several servers have digest settings (${local.guildIds.join(', ')}); preview one with: newsbrief digest --dry-run --guild ID.`,
    );
  }
  return renderPreview(local.found === 'none' ? previewDigestSettings(ctx.config.digest, { guildId: '0', now: ctx.now() }) : local.settings, ctx);
}

async function renderPreview(settings: DigestSettings, ctx: CommandContext): Promise<Reply> {
  const now = ctx.now();
  const digest = await prepareDigest(settings, localDateOf(now, settings.timezone), { store: ctx.store, now, lines: safeDigestLines(ctx.log) });
  return renderDigest(digest, { ephemeral: true });
}

/** The local day the next digest posts: the next slot's, or the day after when that day is already posted. */
async function nextPostingDay(settings: DigestSettings, ctx: CommandContext): Promise<string> {
  const next = nextSlotAfter(ctx.now(), settings).localDate;
  const record = await ctx.store.digests.getRecord(settings.guildId, next);
  return record?.status === 'posted' ? addDays(next, 1) : next;
}

/** `<#channel> at 07:30 Europe/London (next on 2026-11-26), up to 15 stories, all sections`. */
function describeSettings(settings: DigestSettings, next: string | null): string {
  return [
    `<#${settings.channelId}> at ${settings.time} ${settings.timezone}${next !== null ? ` (next on ${next})` : ''}`,
    `up to ${settings.maxStories} stories`,
    settings.sections.length > 0 ? `sections: ${settings.sections.join(', ')}` : 'all sections',
  ].join(', ');
}
