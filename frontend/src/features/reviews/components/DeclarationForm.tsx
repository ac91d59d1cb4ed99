import { Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { FormError } from '../../../components/FormError';
import { useMessages } from '../../../i18n';
import { problemForForm } from '../../../lib/problem';
import { useDeclare } from '../api/declare';

const MAX_NOTE_CHARS = 2000;

/** Before the content opens: "no conflict" clears the expert; declining needs a note saying what the conflict is. */
export function DeclarationForm({ assignmentId }: { assignmentId: string }) {
  const t = useMessages();
  const declare = useDeclare({
    onSuccess: (a) => {
      const declined = a.assignment.status === 'declined';
      notifications.show({ color: declined ? 'orange' : 'green', message: declined ? t.reviews.declined : t.reviews.cleared });
    },
  });
  const [declining, setDeclining] = useState(false);
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const [general, setGeneral] = useState<string | null>(null);

  const send = (conflict: boolean) => {
    setGeneral(null);
    setNoteError(null);
    declare.mutate(
      { id: assignmentId, body: conflict ? { conflict: true, note: note.trim() } : { conflict: false } },
      {
        onError: (error) => {
          const { fieldErrors, generalMessage } = problemForForm(error, ['note'], t);
          setNoteError(fieldErrors.note ?? null);
          setGeneral(generalMessage);
        },
      },
    );
  };

  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="declaration-title">
      <Stack gap="md">
        <Title order={2} id="declaration-title">
          {t.reviews.declarationTitle}
        </Title>
        <Text>{t.reviews.declarationIntro}</Text>
        <FormError message={general} />
        {!declining ? (
          <Group>
            <Button
              loading={declare.isPending}
              onClick={() => {
                if (window.confirm(t.reviews.noConflictConfirm)) send(false);
              }}
            >
              {t.reviews.noConflict}
            </Button>
            <Button variant="default" color="red" onClick={() => setDeclining(true)} disabled={declare.isPending}>
              {t.reviews.decline}
            </Button>
          </Group>
        ) : (
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              if (!note.trim()) {
                setNoteError(t.errors.required);
                return;
              }
              send(true);
            }}
          >
            <Stack gap="sm">
              <Title order={3} size="h4">
                {t.reviews.declineTitle}
              </Title>
              <Textarea
                label={t.reviews.declineNote}
                description={t.reviews.declineNoteHint}
                required
                autosize
                minRows={3}
                maxLength={MAX_NOTE_CHARS}
                value={note}
                onChange={(event) => setNote(event.currentTarget.value)}
                error={noteError}
              />
              <Group>
                <Button type="submit" color="red" loading={declare.isPending}>
                  {t.reviews.declineSubmit}
                </Button>
                <Button variant="default" onClick={() => setDeclining(false)} disabled={declare.isPending}>
                  {t.common.cancel}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}
