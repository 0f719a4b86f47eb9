// `nextbest tor show ID` and `nextbest tor list`.
import type { Command } from '../command.ts';
import { parseFlags, storeFlags } from '../command.ts';
import { printable, table } from '../format.ts';
import { UserError } from '../../domain/errors.ts';
import { callOp } from '../../client/callOp.ts';
import { torListOp } from '../../ops/torListOp.ts';
import { torShowOp } from '../../ops/torShowOp.ts';
import type { TorRecord } from '../../store/torTable.ts';
import { STATUS_LABEL } from '../../tor/torLifecycle.ts';
import type { TorOverview } from '../../tor/torOverview.ts';
import { DB_FLAG_HELP, JSON_FLAG_HELP } from '../flagHelp.ts';

const showUsage = 'nextbest tor show <id> [--db PATH] [--json]';
export const torShowCommand: Command = {
  path: ['tor', 'show'],
  summary: 'show a TOR: status, settings, volume of each offer per priority, a results sample',
  usage: showUsage,
  flags: [{ flag: '<id>', description: 'the TOR to show', example: 'tor-1' }, JSON_FLAG_HELP, DB_FLAG_HELP],
  examples: ['nextbest tor show tor-1', 'nextbest tor show tor-1 --json'],
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { ...storeFlags, json: { type: 'boolean' } }, showUsage);
    if (positionals.length !== 1) throw new UserError(`give exactly one TOR id\nusage: ${showUsage}`);
    const ov: TorOverview = await callOp(io, values.db, torShowOp, { id: positionals[0], sample: 3 });
    if (values.json) {
      io.out(JSON.stringify(ov) + '\n');
      return;
    }
    const t = ov.tor;
    const k = t.settings.perCustomer;
    io.out(
      `${t.torId}  ${printable(t.name)}\nstatus: ${STATUS_LABEL[t.status]}${t.error ? ` — ${printable(t.error)}` : ''}\n` +
        `objective: ${t.settings.objective}, ${k} offer(s) per customer, model: ${t.settings.model}, as of: ${t.settings.asOf ?? 'latest data'}` +
        `${t.settings.audience ? `, audience: ${printable(t.settings.audience)}` : ''}${t.settings.offerMap ? `, segment map: ${t.settings.offerMap}` : ''}\n` +
        `offers (${t.offers.length}, ${t.settings.selection.mode === 'auto' ? `auto: ${t.settings.selection.rule} ${t.settings.selection.count} over ${t.settings.selection.window}` : 'manual'})\n` +
        `created ${fmt(t.createdAt)}, updated ${fmt(t.updatedAt)}${t.computedAt ? `, computed ${fmt(t.computedAt)}` : ''}\n\n`,
    );
    if (ov.customers === 0) {
      io.out('no results yet: run `nextbest tor compute ' + t.torId + '`\n');
      return;
    }
    io.out(`volume of each offer per priority (${ov.customers} customers):\n`);
    io.out(
      table(
        ['offer_id', ...Array.from({ length: ov.volumes[0]?.volumes.length ?? k }, (_, p) => `priority ${p + 1}`), 'total'],
        ov.volumes.map((v) => [v.offerId, ...v.volumes, v.total]),
      ),
    );
    io.out(
      '\nsample:\n' +
        table(
          ['customer_id', 'priority', 'offer_id', 'score', 'reason'],
          ov.sample.map((r) => [r.customerId, r.priority, r.offerId, r.score, r.reason ?? '']),
        ),
    );
    const st = t.stats as {
      addressable?: number;
      customers?: number;
      objective?: number;
      lost?: number;
      excluded?: Record<string, number>;
      capped?: number;
    } | null;
    if (st?.addressable !== undefined) {
      const excl = Object.entries(st.excluded ?? {})
        .filter(([, n]) => n > 0)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ');
      io.out(
        `\naudience: ${st.customers} included of ${st.addressable} addressable customers; objective ${fmtNum(st.objective)}` +
          `${st.lost ? `, lost to volume limits ${fmtNum(st.lost)}` : ''}${excl ? `; pairs excluded: ${excl}` : ''}${st.capped ? `; ${st.capped} customers capped` : ''}\n`,
      );
    }
    const q = t.quality as {
      method: string;
      meanAuc: number;
      meanLift10: number;
      ndcg?: number | null;
      k?: number;
      candidates?: { model: string; ndcg: number; meanAuc: number }[] | null;
      offers: { offerId: string; auc: number | null; lift10: number | null }[];
    } | null;
    const arms = (t.stats as { arms?: { experiment: string; treatment: number; control: number } } | null)?.arms;
    const c = t.settings.control;
    if (c || arms)
      io.out(
        `\ncontrol group: ${c ? `${c.pct}% (seed ${c.seed}, stratified by ${c.stratify})` : 'per segment (offer map)'}` +
          `${arms ? `, experiment ${arms.experiment}: ${arms.treatment} treated, ${arms.control} held out` : ''}; ` +
          `measure it with \`nextbest report campaign ${t.torId}\` after \`tor export\`\n`,
      );
    const uq = t.quality as { method?: string; model?: string; qini?: number; folds?: number; treated?: number; control?: number } | null;
    if (uq?.method === 'uplift') {
      io.out(
        `\nuplift model: ${uq.model}, normalised Qini ${uq.qini?.toFixed(3)} on ${uq.folds} folds of ` +
          `${uq.treated} treated and ${uq.control} control past contacts\n`,
      );
    } else if (q) {
      const ndcg = typeof q.ndcg === 'number' ? `NDCG@${q.k} ${q.ndcg.toFixed(4)}, ` : '';
      io.out(`\nprediction quality (${q.method}): ${ndcg}mean AUC ${q.meanAuc.toFixed(3)}, mean lift at 10% ${q.meanLift10.toFixed(2)}\n`);
      if (q.candidates) {
        io.out(
          `auto compared (same backtest): ${q.candidates.map((c) => `${c.model} NDCG@${q.k} ${c.ndcg.toFixed(4)} / AUC ${c.meanAuc.toFixed(3)}`).join('; ')}\n`,
        );
      }
      io.out(
        table(
          ['offer_id', 'AUC', 'lift@10%'],
          q.offers.map((o) => [o.offerId, o.auc === null ? '–' : o.auc.toFixed(3), o.lift10 === null ? '–' : o.lift10.toFixed(2)]),
        ),
      );
    }
  },
};

const listUsage = 'nextbest tor list [--db PATH] [--json]';
export const torListCommand: Command = {
  path: ['tor', 'list'],
  summary: 'list TORs with their status',
  usage: listUsage,
  flags: [JSON_FLAG_HELP, DB_FLAG_HELP],
  examples: ['nextbest tor list', 'nextbest tor list --db shop.duckdb --json'],
  async run(argv, io) {
    const { values } = parseFlags(argv, { ...storeFlags, json: { type: 'boolean' } }, listUsage);
    const tors: TorRecord[] = await callOp(io, values.db, torListOp, {});
    if (values.json) {
      io.out(JSON.stringify(tors) + '\n');
      return;
    }
    io.out(
      table(
        ['id', 'name', 'status', 'offers', 'per customer', 'updated'],
        tors.map((t) => [
          t.torId,
          t.name,
          STATUS_LABEL[t.status],
          String(t.offers.length),
          String(t.settings.perCustomer),
          fmt(t.updatedAt),
        ]),
      ),
    );
  },
};

function fmtNum(x: number | undefined): string {
  return x === undefined ? '–' : x.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

function fmt(d: Date | string): string {
  return new Date(d).toISOString().slice(0, 16).replace('T', ' ');
}
