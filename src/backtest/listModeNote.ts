// How an auto row or choice names its list mode, in the backtest log, the B1 notes and `models show auto`.
import type { B1Variant } from './evaluateModels.ts';

/** " (lists without past purchases)" when all-items lists left them out; '' otherwise (new-items lists always do). */
export function listModeNote(variant: B1Variant, excludeSeen: boolean): string {
  return variant === 'all' && excludeSeen ? ' (lists without past purchases)' : '';
}
