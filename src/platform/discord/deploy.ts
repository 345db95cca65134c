import { REST, Routes } from 'discord.js';
import type { Command, MessageCommand } from '../../commands/command.js';
import type { Logger } from '../../log.js';

export type DeployOptions = {
  token: string;
  apiUrl: string;
  /** The application id; asked of Discord (`GET /applications/@me`) when absent. */
  applicationId?: string;
  /** Registers for this one server (takes effect at once) instead of globally (may take up to an hour). */
  guildId?: string;
  commands: readonly Command[];
  /** Message context-menu commands, registered in the same overwrite; default none. */
  messageCommands?: readonly MessageCommand[];
  log: Logger;
};

/**
 * Registers the commands' definitions with one bulk overwrite, globally or for one guild, replacing whatever was
 * registered before. Returns how many commands Discord now holds for that scope.
 */
export async function deployCommands(options: DeployOptions): Promise<{ count: number; scope: 'global' | 'guild'; applicationId: string }> {
  const rest = new REST({ api: options.apiUrl }).setToken(options.token);
  const applicationId = options.applicationId ?? ((await rest.get(Routes.currentApplication())) as { id: string }).id;
  const route =
    options.guildId === undefined
      ? Routes.applicationCommands(applicationId)
      : Routes.applicationGuildCommands(applicationId, options.guildId);
  const body = [...options.commands, ...(options.messageCommands ?? [])].map((command) => command.definition);
  const registered = (await rest.put(route, { body })) as unknown[];
  const scope = options.guildId === undefined ? 'global' : 'guild';
  options.log.info({ scope, guildId: options.guildId, applicationId, count: registered.length }, 'commands deployed');
  return { count: registered.length, scope, applicationId };
}
