// Sample ratio mismatch: does the observed split between the arms fit the planned control share?
// Pearson's chi-square goodness of fit with one degree of freedom over the two arm counts. A tiny
// p-value (< 0.001, the usual threshold, strict because the check runs on every report) means the
// assignment or the logging is broken and the comparison should not be trusted.

import { chiSquarePValue1df } from './chiSquarePValue1df.ts';

export const SRM_ALPHA = 0.001;

export interface SrmResult {
  expected_control_share: number;
  observed_control_share: number | null;
  chi_square: number | null;
  p_value: number | null;
  mismatch: boolean;
}

/** χ² = Σ (observed − expected)² / expected over the two arms; null statistics when there are no contacts. */
export function srmCheck(nTreatment: number, nControl: number, expectedControlShare: number): SrmResult {
  if (!(expectedControlShare > 0 && expectedControlShare < 1))
    throw new RangeError(`srmCheck: expected control share ${expectedControlShare} must be strictly between 0 and 1`);
  if (!(nTreatment >= 0 && nControl >= 0)) throw new RangeError('srmCheck: arm counts must be ≥ 0');
  const n = nTreatment + nControl;
  if (n === 0)
    return { expected_control_share: expectedControlShare, observed_control_share: null, chi_square: null, p_value: null, mismatch: false };
  const eC = n * expectedControlShare;
  const eT = n - eC;
  const chi = (nControl - eC) ** 2 / eC + (nTreatment - eT) ** 2 / eT;
  const p = chiSquarePValue1df(chi);
  return {
    expected_control_share: expectedControlShare,
    observed_control_share: nControl / n,
    chi_square: chi,
    p_value: p,
    mismatch: p < SRM_ALPHA,
  };
}
