// Every CLI command, one file per command group. Add a command by adding its file's export here.
import type { Command } from '../command.ts';
import { offersFromAttributeCommand, offersListCommand } from './offers.ts';
import { torCreateCommand } from './torCreate.ts';
import { torComputeCommand, torRecomputeCommand } from './torCompute.ts';
import { torListCommand, torShowCommand } from './torShow.ts';
import { torDeleteCommand, torEditCommand } from './torEdit.ts';
import { torExportCommand, torExportsCommand } from './torExport.ts';

export const commands: Command[] = [
  offersFromAttributeCommand, offersListCommand,
  torCreateCommand, torComputeCommand, torRecomputeCommand, torShowCommand, torListCommand, torEditCommand, torDeleteCommand,
  torExportCommand, torExportsCommand,
];
