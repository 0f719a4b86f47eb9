// The TOR form's control group as edited (a switch plus text fields) and its way to and from the
// API's `control` object: create sends it only when on; edit sends it when changed and `null` when
// switched off (the PATCH removes a control group only when told so).
import type { ControlStratify, TorControl } from '../api/types.ts';

export interface ControlDraft {
  on: boolean;
  pct: number | '';
  seed: string;
  stratify: ControlStratify;
  /** Empty = the TOR id. */
  experiment: string;
}

/** A new TOR's switch starts off with a common 10 % hold-out ready to be switched on. */
export function controlDraftFrom(c: TorControl | null | undefined): ControlDraft {
  if (!c) return { on: false, pct: 10, seed: '1', stratify: 'none', experiment: '' };
  return { on: true, pct: c.pct, seed: c.seed, stratify: c.stratify, experiment: c.experiment ?? '' };
}

/** The `control` body field; null when switched off. The server checks the range and names `control.pct`. */
export function controlBody(d: ControlDraft): TorControl | null {
  if (!d.on) return null;
  return {
    pct: d.pct === '' ? Number.NaN : d.pct,
    seed: d.seed.trim() || '1',
    stratify: d.stratify,
    experiment: d.experiment.trim() || null,
  };
}

/** The PATCH value: undefined when nothing changed, null to remove the control group. */
export function controlChange(before: TorControl | null | undefined, d: ControlDraft): TorControl | null | undefined {
  const after = controlBody(d);
  const same =
    after === null
      ? !before
      : !!before &&
        before.pct === after.pct &&
        before.seed === after.seed &&
        before.stratify === after.stratify &&
        (before.experiment ?? null) === after.experiment;
  return same ? undefined : after;
}
