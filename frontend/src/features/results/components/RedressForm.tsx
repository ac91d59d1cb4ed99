import { Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { FormError } from '../../../components/FormError';
import { useMessages, type Messages } from '../../../i18n';
import { problemForForm } from '../../../lib/problem';
import { countChars } from '../../consensus/components/ReplyForm';
import { problemCode } from '../../funding/problems';
import { useAnswerRedress } from '../api/answerRedress';
import { useFileRedress } from '../api/fileRedress';

/** The most characters of a redress request or answer, as the server counts them (code points). */
export const REDRESS_MAX_CHARS = 5000;

/** "1,234 / 5,000 characters", red with how many too many once over the limit. */
export function RedressCounter({ text, max = REDRESS_MAX_CHARS }: { text: string; max?: number }) {
  const t = useMessages();
  const used = countChars(text);
  const over = used - max;
  return (
    <Group gap="xs" justify="space-between" component="span" aria-live="polite">
      <Text span size="xs" c={over > 0 ? 'red' : 'dimmed'} data-testid="redress-count">
        {t.results.counter(used, max)}
      </Text>
      {over > 0 && (
        <Text span size="xs" c="red" fw={600}>
          {t.results.tooLong(over)}
        </Text>
      )}
    </Group>
  );
}

function redressProblem(error: unknown, t: Messages): string | null {
  const code = problemCode(error);
  if (code === 'redress-filed') return t.results.problems['redress-filed'];
  if (code === 'redress-period-over') return t.results.problems['redress-period-over'];
  return null;
}

/** A text of at most 5,000 characters sent once: the coordinator's request or the operator's answer. */
export function RedressTextForm({ proposalId, mode }: { proposalId: string; mode: 'file' | 'answer' }) {
  const t = useMessages();
  const file = useFileRedress();
  const answer = useAnswerRedress();
  const mutation = mode === 'file' ? file : answer;
  const [text, setText] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [general, setGeneral] = useState<string | null>(null);
  const over = countChars(text) > REDRESS_MAX_CHARS;
  const label = mode === 'file' ? t.results.redressText : t.results.answerText;
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setGeneral(null);
        if (text.trim() === '') {
          setFieldError(mode === 'file' ? t.results.required : t.results.answerRequired);
          return;
        }
        if (over) return;
        mutation.mutate(
          { proposalId, text },
          {
            onSuccess: () =>
              notifications.show({ color: 'green', message: mode === 'file' ? t.results.redressFiled : t.results.answered }),
            onError: (error) => {
              const known = redressProblem(error, t);
              if (known) {
                setGeneral(known);
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
        <FormError message={general} />
        <Textarea
          label={label}
          autosize
          minRows={8}
          maxRows={30}
          value={text}
          onChange={(event) => {
            setText(event.currentTarget.value);
            setFieldError(null);
          }}
          error={fieldError ?? (over ? t.results.tooLong(countChars(text) - REDRESS_MAX_CHARS) : undefined)}
          description={<RedressCounter text={text} />}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={mutation.isPending} disabled={over}>
            {mode === 'file' ? t.results.redressFile : t.results.answer}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
