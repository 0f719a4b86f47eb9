// The empty state of the Campaigns page: what makes a campaign, step by step, from the CLI. (Not the
// shared Empty: its description is a <p>, and the steps are a list.)
import { Code, List, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconReportAnalytics } from '@tabler/icons-react';

export function NoCampaigns() {
  return (
    <Stack gap="sm" align="center" py="lg" data-testid="no-campaigns">
      <ThemeIcon size={48} radius="xl" variant="light" color="gray">
        <IconReportAnalytics size={28} />
      </ThemeIcon>
      <Title order={4}>No campaign yet</Title>
      <Text size="sm" c="dimmed" maw={640} ta="center">
        A campaign is a send with a control group: customers who were chosen but not contacted, so the report can measure what the contact
        added.
      </Text>
      <List type="ordered" size="sm" spacing={4} maw={640}>
        <List.Item>
          Hold out a control group: <Code>nextbest tor create … --control-pct 10</Code>
        </List.Item>
        <List.Item>
          Send: <Code>nextbest tor export &lt;tor-id&gt; --out send.csv</Code> records each contact with its arm (or import a{' '}
          <Code>contacts</Code> file with <Code>group</Code> and <Code>campaign_id</Code> columns)
        </List.Item>
        <List.Item>
          After the send, import the order lines: <Code>nextbest import order_lines sales.csv</Code>
        </List.Item>
        <List.Item>
          Open the campaign here — treatment against control, per offer, segment and day — or run{' '}
          <Code>nextbest report campaign &lt;id&gt;</Code>
        </List.Item>
      </List>
    </Stack>
  );
}
