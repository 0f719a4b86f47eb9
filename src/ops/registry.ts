// Every operation, by name. The server registers one route per op; the CLI calls them through
// `callOp`. Add an op by adding its file's export to `ops`.
import { NotFoundError } from '../domain/errors.ts';
import type { Op } from './op.ts';
import { torComputeOp } from './torComputeOp.ts';
import { torShowOp } from './torShowOp.ts';
import { torListOp } from './torListOp.ts';
import { torCreateOp } from './torCreateOp.ts';
import { torEditOp } from './torEditOp.ts';
import { torDeleteOp } from './torDeleteOp.ts';
import { torExportOp } from './torExportOp.ts';
import { torExportsOp } from './torExportsOp.ts';
import { exportsListOp } from './exportsListOp.ts';
import { torResultsOp } from './torResultsOp.ts';
import { keysCreateOp } from './keysCreateOp.ts';
import { keysListOp } from './keysListOp.ts';
import { keysRevokeOp } from './keysRevokeOp.ts';
import { usersCreateOp } from './usersCreateOp.ts';
import { usersListOp } from './usersListOp.ts';
import { usersDisableOp } from './usersDisableOp.ts';
import { auditListOp } from './auditListOp.ts';
import { eventsIngestOp } from './eventsIngestOp.ts';
import { recommendOp } from './recommendOp.ts';
import { evaluateOp } from './evaluateOp.ts';
import { tuneOp } from './tuneOp.ts';
import { modelsListOp } from './modelsListOp.ts';
import { modelsShowOp } from './modelsShowOp.ts';
import { modelsTrainOp } from './modelsTrainOp.ts';
import { importOp } from './importOp.ts';
import { importPreviewOp } from './importPreviewOp.ts';
import { importsListOp } from './importsListOp.ts';
import { configShowOp } from './configShowOp.ts';
import { configSetOp } from './configSetOp.ts';
import { dataTablesOp } from './dataTablesOp.ts';
import { customersListOp } from './customersListOp.ts';
import { customersForgetOp } from './customersForgetOp.ts';
import { productsListOp } from './productsListOp.ts';
import { orderLinesListOp } from './orderLinesListOp.ts';
import { eventsListOp } from './eventsListOp.ts';
import { offersListOp } from './offersListOp.ts';
import { offersFromAttributeOp } from './offersFromAttributeOp.ts';
import { offersInsightsOp } from './offersInsightsOp.ts';
import { offersAutoSelectOp } from './offersAutoSelectOp.ts';
import { audienceCountOp } from './audienceCountOp.ts';
import { campaignReportOp } from './campaignReportOp.ts';
import { campaignsListOp } from './campaignsListOp.ts';
import { segmentsListOp } from './segmentsListOp.ts';
import { segmentsRefreshOp } from './segmentsRefreshOp.ts';
import { segmentsShowOp } from './segmentsShowOp.ts';
import { segmentsCreateOp } from './segmentsCreateOp.ts';
import { segmentsEditOp } from './segmentsEditOp.ts';
import { segmentsDeleteOp } from './segmentsDeleteOp.ts';
import { segmentsOverlapOp } from './segmentsOverlapOp.ts';
import { segmentsMovesOp } from './segmentsMovesOp.ts';
import { segmentsMembersOp } from './segmentsMembersOp.ts';
import { rulesValidateOp } from './rulesValidateOp.ts';
import { rulesLoadOp } from './rulesLoadOp.ts';
import { rulesApplyOp } from './rulesApplyOp.ts';
import { rulesListOp } from './rulesListOp.ts';
import { rulesFiringsOp } from './rulesFiringsOp.ts';
import { rulesCustomerFiringsOp } from './rulesCustomerFiringsOp.ts';
import { promotionsImportOp } from './promotionsImportOp.ts';
import { promotionsBuildOp } from './promotionsBuildOp.ts';
import { promotionsListOp } from './promotionsListOp.ts';
import { promotionsComputeOp } from './promotionsComputeOp.ts';
import { promotionsCustomerOp } from './promotionsCustomerOp.ts';
import { promotionsExportOp } from './promotionsExportOp.ts';
import { mapsSaveOp } from './mapsSaveOp.ts';
import { mapsListOp } from './mapsListOp.ts';
import { mapsShowOp } from './mapsShowOp.ts';
import { mapsDeleteOp } from './mapsDeleteOp.ts';
import { offersMessageOp } from './offersMessageOp.ts';
import { offersMessagesOp } from './offersMessagesOp.ts';
import { loyaltySettingsShowOp } from './loyaltySettingsShowOp.ts';
import { loyaltySettingsSetOp } from './loyaltySettingsSetOp.ts';
import { loyaltyLoadOp } from './loyaltyLoadOp.ts';
import { loyaltyFavouritesOp } from './loyaltyFavouritesOp.ts';
import { loyaltyPickOp } from './loyaltyPickOp.ts';
import { loyaltyStaffEditOp } from './loyaltyStaffEditOp.ts';
import { loyaltyAutofillOp } from './loyaltyAutofillOp.ts';
import { loyaltyPersonalOffersOp } from './loyaltyPersonalOffersOp.ts';
import { loyaltyShowOp } from './loyaltyShowOp.ts';
import { offersCreateOp } from './offersCreateOp.ts';
import { offersReachOp } from './offersReachOp.ts';

export const ops: Op[] = [
  segmentsListOp,
  segmentsRefreshOp,
  segmentsShowOp,
  segmentsCreateOp,
  segmentsEditOp,
  segmentsDeleteOp,
  segmentsOverlapOp,
  segmentsMovesOp,
  segmentsMembersOp,
  rulesValidateOp,
  rulesLoadOp,
  rulesApplyOp,
  rulesListOp,
  rulesFiringsOp,
  rulesCustomerFiringsOp,
  promotionsImportOp,
  promotionsBuildOp,
  promotionsListOp,
  promotionsComputeOp,
  promotionsCustomerOp,
  promotionsExportOp,
  torComputeOp,
  torShowOp,
  torListOp,
  torCreateOp,
  torEditOp,
  torDeleteOp,
  torExportOp,
  torExportsOp,
  exportsListOp,
  torResultsOp,
  keysCreateOp,
  keysListOp,
  keysRevokeOp,
  usersCreateOp,
  usersListOp,
  usersDisableOp,
  auditListOp,
  eventsIngestOp,
  recommendOp,
  evaluateOp,
  tuneOp,
  modelsListOp,
  modelsShowOp,
  modelsTrainOp,
  importOp,
  importPreviewOp,
  importsListOp,
  configShowOp,
  configSetOp,
  dataTablesOp,
  customersListOp,
  customersForgetOp,
  productsListOp,
  orderLinesListOp,
  eventsListOp,
  offersListOp,
  offersFromAttributeOp,
  offersInsightsOp,
  offersAutoSelectOp,
  audienceCountOp,
  campaignsListOp,
  campaignReportOp,
  mapsSaveOp,
  mapsListOp,
  mapsShowOp,
  mapsDeleteOp,
  offersMessageOp,
  offersMessagesOp,
  loyaltySettingsShowOp,
  loyaltySettingsSetOp,
  loyaltyLoadOp,
  loyaltyFavouritesOp,
  loyaltyPickOp,
  loyaltyStaffEditOp,
  loyaltyAutofillOp,
  loyaltyPersonalOffersOp,
  loyaltyShowOp,
  offersCreateOp,
  offersReachOp,
];

const byName = new Map(ops.map((o) => [o.name, o]));

export function opByName(name: string): Op {
  const op = byName.get(name);
  if (!op) throw new NotFoundError(`no operation ${name}`);
  return op;
}
