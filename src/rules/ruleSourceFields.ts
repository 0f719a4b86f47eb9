// Op input naming a rule file: a server-side path, or the text itself (what the dashboard posts;
// the CLI reads the user's file and sends its text, so messages name the file as typed).
import { isAbsolute } from 'node:path';
import { z } from 'zod';

export const ruleSourceFields = {
  file: z
    .string()
    .min(1)
    .refine(isAbsolute, 'must be an absolute path on the server')
    .optional()
    .describe('absolute path of a rule file (YAML or JSON) on the server'),
  source: z.string().min(1).max(1_000_000).optional().describe('the rule file text itself (YAML or JSON; docs/rules.md)'),
  fileLabel: z
    .string()
    .max(500)
    .optional()
    .describe("the name messages show for the rules (the path as typed); default the file's name or 'rules'"),
};

export function ruleSummary(r: { id: string; offer: string; trigger: { kind: string }; enabled: boolean }) {
  return { id: r.id, offer: r.offer, trigger: r.trigger.kind, enabled: r.enabled };
}
