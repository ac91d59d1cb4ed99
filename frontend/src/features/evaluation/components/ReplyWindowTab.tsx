import { Alert, Button, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { FormError } from '../../../components/FormError';
import { useMessages } from '../../../i18n';
import type { Call, ReplyWindow, Stage } from '../../../lib/api/types';
import { joinLocalDateTime, viewerTimeZone } from '../../../lib/datetime';
import { problemForForm } from '../../../lib/problem';
import { instantLine } from '../../../lib/zoned';
import { useOpenReplyWindow } from '../api/openReplyWindow';

/** The instant of a date and a time typed in the browser's time zone, or null if incomplete. */
export function closesAtFromInputs(date: string, time: string): Date | null {
  const local = joinLocalDateTime(date, time);
  if (!local) return null;
  const instant = new Date(local);
  return Number.isNaN(instant.getTime()) ? null : instant;
}

/** Opens the right-to-reply window of a stage (once): the consortia are mailed the anonymised comments. */
export function ReplyWindowTab({ call, stage }: { call: Call; stage: Stage }) {
  const t = useMessages();
  const open = useOpenReplyWindow();
  const [date, setDate] = useState('');
  const [time, setTime] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [general, setGeneral] = useState<string | null>(null);
  const [opened, setOpened] = useState<ReplyWindow | null>(null);
  const zone = call.settings.time_zone;
  const preview = closesAtFromInputs(date, time);
  if (!call.settings.right_to_reply.enabled) {
    return (
      <Alert color="gray" variant="light">
        {t.evaluation.replyDisabled}
      </Alert>
    );
  }
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const closes = closesAtFromInputs(date, time);
        if (!closes || closes.getTime() <= Date.now()) {
          setFieldError(t.evaluation.closesRequired);
          return;
        }
        setFieldError(null);
        setGeneral(null);
        open.mutate(
          { callId: call.id, body: { stage, closes_at: closes.toISOString() } },
          {
            onSuccess: setOpened,
            onError: (error) => {
              const placed = problemForForm(error, ['closes_at'], t);
              setFieldError(placed.fieldErrors.closes_at ?? null);
              setGeneral(placed.generalMessage);
            },
          },
        );
      }}
    >
      <Stack gap="md">
        <Text size="sm">{t.evaluation.replyIntro(call.settings.right_to_reply.max_chars)}</Text>
        <FormError message={general} />
        {opened && (
          <Alert color="green" variant="light" role="status">
            {t.evaluation.windowOpened(opened.proposals, instantLine(opened.closes_at, zone, t))}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} maw={520}>
          <TextInput
            type="date"
            label={t.evaluation.closesDate}
            value={date}
            onChange={(e) => setDate(e.currentTarget.value)}
            error={fieldError}
            description={t.evaluation.closesHint(viewerTimeZone())}
            required
          />
          <TextInput
            type="time"
            label={t.evaluation.closesTime}
            value={time}
            onChange={(e) => setTime(e.currentTarget.value)}
            error={fieldError ? ' ' : undefined}
            required
          />
        </SimpleGrid>
        {preview && (
          <Text size="sm" c="dimmed">
            {instantLine(preview.toISOString(), zone, t)}
          </Text>
        )}
        <Group>
          <Button type="submit" loading={open.isPending}>
            {t.evaluation.openWindow}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
