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
import { productsListOp } from './productsListOp.ts';
import { orderLinesListOp } from './orderLinesListOp.ts';
import { eventsListOp } from './eventsListOp.ts';
import { offersListOp } from './offersListOp.ts';
import { offersFromAttributeOp } from './offersFromAttributeOp.ts';
import { offersInsightsOp } from './offersInsightsOp.ts';
import { offersAutoSelectOp } from './offersAutoSelectOp.ts';
import { audienceCountOp } from './audienceCountOp.ts';

export const ops: Op[] = [
  torComputeOp, torShowOp, torListOp,
  torCreateOp, torEditOp, torDeleteOp, torExportOp, torExportsOp, exportsListOp, torResultsOp,
  keysCreateOp, keysListOp, keysRevokeOp, usersCreateOp, usersListOp, usersDisableOp, auditListOp, eventsIngestOp,
  recommendOp, evaluateOp, tuneOp, modelsListOp, modelsShowOp, modelsTrainOp,
  importOp, importPreviewOp, importsListOp, configShowOp, configSetOp,
  dataTablesOp, customersListOp, productsListOp, orderLinesListOp, eventsListOp,
  offersListOp, offersFromAttributeOp, offersInsightsOp, offersAutoSelectOp, audienceCountOp,
];

const byName = new Map(ops.map((o) => [o.name, o]));

export function opByName(name: string): Op {
  const op = byName.get(name);
  if (!op) throw new NotFoundError(`no operation ${name}`);
  return op;
}
