// Quality of an uplift TOR: which uplift model was chosen, its normalised Qini on folds of the
// past contacts it learned from, and how many treated and control contacts those were. (An uplift
// model predicts a difference no single customer reveals, so NDCG/AUC on purchases do not apply.)
import { Card, Group, Table, Text, Title } from '@mantine/core';
import type { TorUpliftQuality } from '../api/types.ts';
import { formatAuc, formatInt } from '../lib/format.ts';
import { Num, Stat } from './common.tsx';

export function UpliftQualityCard({ quality: q }: { quality: TorUpliftQuality }) {
  return (
    <Card withBorder padding="lg" data-testid="uplift-quality">
      <Title order={4}>Uplift model</Title>
      <Text size="sm" c="dimmed" mb="sm">
        Learned from past sends with a control group: who bought in the offer's scope within {q.windowDays} days, sent or held out.
      </Text>
      <Text size="sm" mb="xs">
        {q.model}
      </Text>
      <Group gap="xl" mb="sm">
        <Stat label="Normalised Qini" value={formatAuc(q.qini)} hint={`mean over ${q.folds} folds; 0 = random targeting`} />
        <Stat
          label="Training contacts"
          value={formatInt(q.trainUnits)}
          hint={`${formatInt(q.treated)} treated · ${formatInt(q.control)} control`}
        />
      </Group>
      {q.candidates && q.candidates.length > 1 && (
        <Table verticalSpacing={4} data-testid="uplift-candidates">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Candidate</Table.Th>
              <Table.Th ta="right">Qini</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {q.candidates.map((c) => (
              <Table.Tr key={`${c.method}-${c.learner}`}>
                <Table.Td>
                  <Text size="sm" fw={c.method === q.upliftMethod && c.learner === q.learner ? 600 : undefined}>
                    {c.method}, {c.learner}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Num>{formatAuc(c.qini)}</Num>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
