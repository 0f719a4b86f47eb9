// One table of treatment-vs-control comparisons (per offer, segment or priority): arm sizes, the
// conversion of each arm, the incremental conversion with its interval and p-value, incremental
// revenue with its interval, relative lift; per offer also the corrected p-value and the ROI.
import { Badge, Stack, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Comparison } from '../../api/campaigns.ts';
import {
  excludesZero,
  formatInterval,
  formatPoints,
  formatPValue,
  formatSignedMoney,
  formatSignedPercent,
} from '../../lib/effectFormat.ts';
import { formatInt, formatPercent } from '../../lib/format.ts';
import { Num } from '../common.tsx';

export interface ComparisonRow {
  key: string;
  label: ReactNode;
  c: Comparison;
  /** Holm-corrected p-value (offers only). */
  pAdjusted?: number | null;
  significant?: boolean;
}

export function ComparisonTable({
  rows,
  first,
  currency,
  corrected,
  testId,
}: {
  rows: ComparisonRow[];
  first: string;
  currency: string | null;
  corrected?: boolean;
  testId: string;
}) {
  const money = (n: number | null | undefined) => formatSignedMoney(n, currency);
  const wholeMoney = (n: number | null | undefined) => formatSignedMoney(n, currency, { whole: true });
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing={6} horizontalSpacing="xs" highlightOnHover data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th miw={140}>{first}</Table.Th>
            <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>
              Contacts T / C
            </Table.Th>
            <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>
              Conversion T / C
            </Table.Th>
            <Table.Th ta="right" title="Incremental conversion: treatment − control, with its interval">
              Δ conversion
            </Table.Th>
            <Table.Th ta="right">{corrected ? 'p (Holm)' : 'p'}</Table.Th>
            <Table.Th ta="right" title="Incremental revenue: per contact difference × treated contacts, with its interval">
              Δ revenue
            </Table.Th>
            <Table.Th ta="right" title="Relative lift of conversion: treatment / control − 1">
              Lift
            </Table.Th>
            {corrected && <Table.Th ta="right">ROI</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(({ key, label, c, pAdjusted, significant }) => {
            const clear = significant ?? (!corrected && excludesZero(c.ci_low, c.ci_high));
            return (
              <Table.Tr key={key} data-row={key}>
                <Table.Td>
                  <Stack gap={2} align="flex-start" maw={260}>
                    {label}
                    {corrected && significant && (
                      <Badge size="xs" color="teal" variant="light" tt="none">
                        significant
                      </Badge>
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Num>
                    {formatInt(c.contacts_treatment)} / {formatInt(c.contacts_control)}
                  </Num>
                </Table.Td>
                <Table.Td>
                  <Num>
                    {formatPercent(c.conversion_treatment)} / {formatPercent(c.conversion_control)}
                  </Num>
                </Table.Td>
                <Table.Td>
                  <Num fw={clear ? 650 : undefined} c={clear ? ((c.incremental_conversion ?? 0) < 0 ? 'red' : 'teal') : undefined}>
                    {formatPoints(c.incremental_conversion)}
                  </Num>
                  <Text size="xs" c="dimmed" ta="right" className="nb-num">
                    {formatInterval(c.ci_low, c.ci_high, formatPoints)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Num>{formatPValue(corrected ? pAdjusted : c.p_value)}</Num>
                  {corrected && (
                    <Text size="xs" c="dimmed" ta="right" className="nb-num">
                      raw {formatPValue(c.p_value)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Num>{money(c.incremental_revenue)}</Num>
                  <Text size="xs" c="dimmed" ta="right" className="nb-num">
                    {formatInterval(c.incremental_revenue_ci_low, c.incremental_revenue_ci_high, wholeMoney)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Num>{formatSignedPercent(c.relative_lift)}</Num>
                  <Text size="xs" c="dimmed" ta="right" className="nb-num">
                    {formatInterval(c.lift_ci_low, c.lift_ci_high, formatSignedPercent)}
                  </Text>
                </Table.Td>
                {corrected && (
                  <Table.Td>
                    <Num>{formatSignedPercent(c.roi)}</Num>
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
