// Every CLI command, one file per command group. Add a command by adding its file's export here.
import type { Command } from '../command.ts';

export const commands: Command[] = [];
