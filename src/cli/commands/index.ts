// Every CLI command, one file per command group. Add a command by adding its file's export here.
import type { Command } from '../command.ts';
import { generateCommand } from './generate.ts';
import { importCommand } from './import.ts';
import { configSetCommand, configShowCommand } from './config.ts';
import { offersFromAttributeCommand, offersListCommand } from './offers.ts';
import { offersInsightsCommand } from './offersInsights.ts';
import { audienceCountCommand } from './audience.ts';
import { campaignsListCommand, reportCampaignCommand } from './report.ts';
import { customersForgetCommand } from './customersForget.ts';
import { segmentsListCommand, segmentsMembersCommand, segmentsRefreshCommand, segmentsShowCommand } from './segments.ts';
import { segmentsCreateCommand, segmentsDeleteCommand, segmentsEditCommand } from './segmentsEdit.ts';
import { segmentsMovesCommand, segmentsOverlapCommand } from './segmentsMoves.ts';
import { rulesCommands } from './rules.ts';
import { promotionsExportCommand, promotionsImportCommand, promotionsListCommand, promotionsShowCommand } from './promotions.ts';
import { promotionsBuildCommand, promotionsComputeCommand } from './promotionsBuild.ts';
import { torCreateCommand } from './torCreate.ts';
import { torComputeCommand, torRecomputeCommand } from './torCompute.ts';
import { torListCommand, torShowCommand } from './torShow.ts';
import { torDeleteCommand, torEditCommand } from './torEdit.ts';
import { torExportCommand, torExportsCommand } from './torExport.ts';
import { recommendCommand } from './recommend.ts';
import { ingestCommand } from './ingest.ts';
import { evaluateCommand } from './evaluate.ts';
import { tuneCommand } from './tune.ts';
import { modelsListCommand, modelsShowCommand, modelsTrainCommand } from './models.ts';
import { serveCommand } from './serve.ts';
import { workerCommand } from './worker.ts';
import { keysCreateCommand, keysListCommand, keysRevokeCommand } from './keys.ts';
import { usersCreateCommand, usersListCommand, usersDisableCommand } from './users.ts';
import { auditCommand } from './audit.ts';
import {
  loyaltyAutofillCommand,
  loyaltyEditCommand,
  loyaltyFavouritesCommand,
  loyaltyPickCommand,
  loyaltySettingsCommand,
  loyaltyShowCommand,
} from './loyalty.ts';
import {
  loyaltyCategoriesLoadCommand,
  loyaltyEligibleLoadCommand,
  loyaltyPersonalOffersFromRecsCommand,
  loyaltyPersonalOffersFromTorCommand,
  loyaltyPersonalOffersLoadCommand,
} from './loyaltyFiles.ts';
import { offersCreateCommand, offersReachCommand } from './offersLevels.ts';
import { mapsDeleteCommand, mapsListCommand, mapsSaveCommand, mapsShowCommand } from './maps.ts';
import { offersMessageCommand } from './offersMessage.ts';

export const commands: Command[] = [
  promotionsImportCommand,
  promotionsBuildCommand,
  promotionsListCommand,
  promotionsComputeCommand,
  promotionsShowCommand,
  promotionsExportCommand,
  importCommand,
  configShowCommand,
  configSetCommand,
  generateCommand,
  offersFromAttributeCommand,
  offersListCommand,
  offersInsightsCommand,
  audienceCountCommand,
  reportCampaignCommand,
  campaignsListCommand,
  customersForgetCommand,
  segmentsListCommand,
  segmentsShowCommand,
  segmentsCreateCommand,
  segmentsEditCommand,
  segmentsDeleteCommand,
  segmentsRefreshCommand,
  segmentsOverlapCommand,
  segmentsMovesCommand,
  segmentsMembersCommand,
  ...rulesCommands,
  mapsSaveCommand,
  mapsListCommand,
  mapsShowCommand,
  mapsDeleteCommand,
  offersMessageCommand,
  torCreateCommand,
  torComputeCommand,
  torRecomputeCommand,
  torShowCommand,
  torListCommand,
  torEditCommand,
  torDeleteCommand,
  torExportCommand,
  torExportsCommand,
  recommendCommand,
  ingestCommand,
  evaluateCommand,
  tuneCommand,
  modelsListCommand,
  modelsShowCommand,
  modelsTrainCommand,
  serveCommand,
  workerCommand,
  keysCreateCommand,
  keysListCommand,
  keysRevokeCommand,
  usersCreateCommand,
  usersListCommand,
  usersDisableCommand,
  auditCommand,
  loyaltySettingsCommand,
  loyaltyFavouritesCommand,
  loyaltyPickCommand,
  loyaltyEditCommand,
  loyaltyAutofillCommand,
  loyaltyShowCommand,
  loyaltyEligibleLoadCommand,
  loyaltyCategoriesLoadCommand,
  loyaltyPersonalOffersLoadCommand,
  loyaltyPersonalOffersFromTorCommand,
  loyaltyPersonalOffersFromRecsCommand,
  offersCreateCommand,
  offersReachCommand,
];
