import { Stack, Text } from '@mantine/core';
import { useMessages } from '../../../i18n';
import type { Reply } from '../../../lib/api/types';
import { instantLine } from '../../../lib/zoned';

/** The consortium's answer to the consensus comments, as the operator and rapporteur read it. */
export function ReplyPanel({ reply, timeZone }: { reply: Reply | null | undefined; timeZone: string | undefined }) {
  const t = useMessages();
  if (!reply) return <Text c="dimmed">{t.consensus.replyNone}</Text>;
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {t.consensus.replyWindow(instantLine(reply.opens_at, timeZone, t), instantLine(reply.closes_at, timeZone, t))}
      </Text>
      {reply.text ? (
        <>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{reply.text}</Text>
          {reply.replied_at && (
            <Text size="xs" c="dimmed">
              {t.consensus.repliedAt(instantLine(reply.replied_at, timeZone, t))}
            </Text>
          )}
        </>
      ) : (
        <Text c="dimmed">{t.consensus.replyNone}</Text>
      )}
    </Stack>
  );
}
