// One customer's personalised promotions from the latest promotions compute.
import { Anchor, Card, Title, Text } from '@mantine/core';
import { isMissingRoute } from '../api/client.ts';
import { noListsYet, useCustomerPromotions } from '../api/promotions.ts';
import { href } from '../lib/routes.ts';
import { ErrorState, Loading } from './common.tsx';
import { PromotionsCustomerTable } from './PromotionsCustomerTable.tsx';

export function CustomerPromotionsCard({ id }: { id: string }) {
  const q = useCustomerPromotions(id);
  if (isMissingRoute(q.error)) return null;
  return (
    <Card withBorder padding="lg" data-testid="customer-promotions">
      <Title order={5} mb="sm">
        Promotions
      </Title>
      {q.isPending ? (
        <Loading h={60} />
      ) : noListsYet(q.error) ? (
        <Text size="sm" c="dimmed">
          No promotion lists computed yet (
          <Anchor href={href({ page: 'promotions' })} size="sm">
            Promotions
          </Anchor>
          ).
        </Text>
      ) : q.isError ? (
        <ErrorState error={q.error} what="the promotions" />
      ) : (
        <PromotionsCustomerTable rows={q.data.promotions} />
      )}
    </Card>
  );
}
