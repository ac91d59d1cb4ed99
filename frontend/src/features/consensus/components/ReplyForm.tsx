import { Alert, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { CharacterCounter } from '../../../components/CharacterCounter';
import { FormError } from '../../../components/FormError';
import { useMessages } from '../../../i18n';
import type { Reply } from '../../../lib/api/types';
import { errorMessage, isApiError, problemForForm } from '../../../lib/problem';
import { countChars } from '../../../lib/text';
import { instantLine } from '../../../lib/zoned';
import { fetchReply } from '../api/getReply';
import { replyQueryKey } from '../../../lib/queryKeys/consensus';
import { useSaveReply } from '../api/saveReply';

/** The reply's live count against `max_chars`. */
function ReplyCounter({ text, max }: { text: string; max: number }) {
  const t = useMessages();
  return <CharacterCounter text={text} max={max} counter={t.reply.counter} tooLong={t.reply.tooLong} testId="char-count" />;
}

/**
 * The consortium's answer while the window is open, saved with If-Match and
 * kept within `max_chars`; read-only once the window has closed.
 */
export function ReplyForm({ reply, timeZone }: { reply: Reply; timeZone: string | undefined }) {
  const t = useMessages();
  const queryClient = useQueryClient();
  const save = useSaveReply();
  const [text, setText] = useState(reply.text ?? '');
  const [mine, setMine] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [general, setGeneral] = useState<string | null>(null);
  const over = countChars(text) > reply.max_chars;
  const [openedAt] = useState(Date.now);

  if (!reply.open) {
    const notYet = Date.parse(reply.opens_at) > openedAt;
    return (
      <Stack gap="sm">
        <Alert color="gray" variant="light">
          {notYet ? t.reply.notOpenYet : t.reply.closed}
        </Alert>
        <Text fw={600}>{t.reply.yourReply}</Text>
        <Text style={{ whiteSpace: 'pre-wrap' }} c={reply.text ? undefined : 'dimmed'}>
          {reply.text || t.reply.noReply}
        </Text>
      </Stack>
    );
  }

  const onConflict = async () => {
    try {
      const latest = await fetchReply(reply.proposal_id);
      queryClient.setQueryData(replyQueryKey(reply.proposal_id), latest);
      setMine(text);
      setText(latest.text ?? '');
    } catch (error) {
      setGeneral(errorMessage(error, t));
    }
  };

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (over) return;
        setGeneral(null);
        setFieldError(null);
        save.mutate(
          { proposalId: reply.proposal_id, version: reply.version, text },
          {
            onSuccess: () => {
              setMine(null);
              notifications.show({ color: 'green', message: t.reply.saved });
            },
            onError: (error) => {
              if (isApiError(error) && error.status === 412) {
                void onConflict();
                return;
              }
              const { fieldErrors, generalMessage } = problemForForm(error, ['text'], t);
              setFieldError(fieldErrors.text ?? null);
              setGeneral(generalMessage);
            },
          },
        );
      }}
    >
      <Stack gap="sm">
        {mine !== null && (
          <Alert color="orange" variant="light" role="alert">
            <Stack gap="xs">
              <Text size="sm">{t.reply.conflict}</Text>
              <Text size="xs" fw={600}>
                {t.reply.myText}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {mine}
              </Text>
              <Group>
                <Button
                  size="xs"
                  variant="light"
                  onClick={() => {
                    setText(mine);
                    setMine(null);
                  }}
                >
                  {t.reply.restoreMine}
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        <FormError message={general} />
        <Text size="sm">{t.reply.closesAt(instantLine(reply.closes_at, timeZone, t))}</Text>
        <Textarea
          label={t.reply.yourReply}
          autosize
          minRows={8}
          maxRows={30}
          value={text}
          onChange={(event) => {
            setText(event.currentTarget.value);
            setFieldError(null);
          }}
          error={fieldError ?? (over ? t.reply.tooLong(countChars(text) - reply.max_chars) : undefined)}
          description={<ReplyCounter text={text} max={reply.max_chars} />}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
        />
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            {reply.replied_at ? t.reply.repliedAt(instantLine(reply.replied_at, timeZone, t)) : ''}
          </Text>
          <Button type="submit" loading={save.isPending} disabled={over}>
            {t.reply.save}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
