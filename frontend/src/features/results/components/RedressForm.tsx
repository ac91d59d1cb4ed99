import { Button, Group, Stack, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { CharacterCounter } from '../../../components/CharacterCounter';
import { FormError } from '../../../components/FormError';
import { useMessages, type Messages } from '../../../i18n';
import { problemForForm } from '../../../lib/problem';
import { countChars } from '../../../lib/text';
import { problemCode } from '../../../lib/problem';
import { useAnswerRedress } from '../api/answerRedress';
import { useFileRedress } from '../api/fileRedress';

/** The most characters of a redress request or answer, as the server counts them (code points). */
export const REDRESS_MAX_CHARS = 5000;

/** The live count of a redress request or answer against 5,000 code points. */
export function RedressCounter({ text, max = REDRESS_MAX_CHARS }: { text: string; max?: number }) {
  const t = useMessages();
  return <CharacterCounter text={text} max={max} counter={t.results.counter} tooLong={t.results.tooLong} testId="redress-count" />;
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
  const notice = {
    onSuccess: () => notifications.show({ color: 'green', message: mode === 'file' ? t.results.redressFiled : t.results.answered }),
  };
  const file = useFileRedress(notice);
  const answer = useAnswerRedress(notice);
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
