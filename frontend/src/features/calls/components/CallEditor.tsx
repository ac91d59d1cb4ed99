import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  List,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useMessages } from '../../../i18n';
import {
  ALL_AGENCIES,
  ORGANISATION_KINDS,
  STAGES,
  type Call,
  type CallSettings,
} from '../../../lib/api/types';
import { isApiError } from '../../../lib/problem';
import { useCreateCall } from '../api/createCall';
import { useUpdateCall } from '../api/updateCall';
import {
  newCriterionRow,
  newDocumentRow,
  newFunderRow,
  newThresholdRow,
  placeServerErrors,
  toCallBody,
  toFormValues,
  validateCallForm,
  type CallFormValues,
} from '../editorForm';
import { COMMON_MEDIA_TYPES } from '../format';
import { GrantRulesTable } from './CallDetails';
import { DeadlineFields } from './DeadlineFields';
import { MoneyInput } from './MoneyInput';

type Form = UseFormReturnType<CallFormValues>;

let timeZones: string[] | null = null;

/** The IANA zones the browser knows, plus `current` if it does not. */
function timeZoneOptions(current: string): string[] {
  if (timeZones === null) {
    try {
      timeZones = ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
    } catch {
      timeZones = ['UTC', 'Europe/Luxembourg'];
    }
  }
  return current && !timeZones.includes(current) ? [current, ...timeZones] : timeZones;
}

/** Moves the focus to the first input of a row just added (after it has rendered). */
function focusRow(uid: string) {
  window.setTimeout(() => {
    document.querySelector<HTMLElement>(`[data-row="${uid}"] input:not([type="hidden"])`)?.focus();
  }, 0);
}

function Section({ title, error, children }: { title: string; error?: ReactNode; children: ReactNode }) {
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label={title}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        <FieldMessage error={error} />
        {children}
      </Stack>
    </Paper>
  );
}

/** A message about a whole row or section, which has no input of its own. */
function FieldMessage({ error }: { error?: ReactNode }) {
  if (!error) return null;
  return (
    <Text c="red" size="sm" role="alert">
      {error}
    </Text>
  );
}

function RowFrame({
  uid,
  legend,
  error,
  removeLabel,
  onRemove,
  children,
}: {
  uid: string;
  legend: string;
  error?: ReactNode;
  removeLabel: string;
  onRemove: () => void;
  children: ReactNode;
}) {
  const t = useMessages();
  return (
    <Fieldset legend={legend} data-row={uid}>
      <Stack gap="xs">
        <FieldMessage error={error} />
        {children}
        <Group justify="flex-end">
          <Button variant="subtle" color="red" size="xs" onClick={onRemove} aria-label={removeLabel}>
            {t.common.remove}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}

type ListKey = 'funders' | 'documents' | 'criteria' | 'thresholds';
type RowOf<K extends ListKey> = CallFormValues['settings'][K][number];

/**
 * A section of rows in the call editor (funders, documents, criteria, thresholds): one fieldset
 * per row with its error and a Remove button (the focus then goes to Add), the section's error,
 * a note when outline rows are kept in a one-stage call, and Add (the focus goes to the new row).
 */
function RowListSection<K extends ListKey>({
  form,
  list,
  title,
  legend,
  removeLabel,
  addLabel,
  newRow,
  intro,
  children,
}: {
  form: Form;
  list: K;
  title: string;
  legend: (n: number) => string;
  removeLabel: (n: number) => string;
  addLabel: string;
  newRow: () => RowOf<K>;
  intro?: ReactNode;
  children: (row: RowOf<K>, i: number) => ReactNode;
}) {
  const t = useMessages();
  const addRef = useRef<HTMLButtonElement>(null);
  const rows = form.values.settings[list] as readonly RowOf<K>[];
  // One path for every list: Mantine cannot narrow `settings.${K}` to the row type of K.
  const path: `settings.${ListKey}` = `settings.${list}`;
  const unusedOutline = !form.values.two_stage && rows.some((row) => 'stage' in row && row.stage === 'outline');
  return (
    <Section title={title} error={form.errors[path]}>
      {intro}
      {unusedOutline && (
        <Text size="sm" c="dimmed">
          {t.calls.editor.outlineRowsUnused}
        </Text>
      )}
      {rows.map((row, i) => (
        <RowFrame
          key={row.uid}
          uid={row.uid}
          legend={legend(i + 1)}
          error={form.errors[`${path}.${i}`]}
          removeLabel={removeLabel(i + 1)}
          onRemove={() => {
            form.removeListItem(path, i);
            addRef.current?.focus();
          }}
        >
          {children(row, i)}
        </RowFrame>
      ))}
      <Button
        ref={addRef}
        variant="light"
        style={{ alignSelf: 'flex-start' }}
        onClick={() => {
          const row = newRow();
          form.insertListItem(path, row);
          focusRow(row.uid);
        }}
      >
        {addLabel}
      </Button>
    </Section>
  );
}

function FundersSection({ form }: { form: Form }) {
  const t = useMessages();
  return (
    <RowListSection
      form={form}
      list="funders"
      title={t.calls.editor.fundersSection}
      legend={t.calls.editor.row.funders}
      removeLabel={t.calls.editor.removeFunder}
      addLabel={t.calls.editor.addFunder}
      newRow={newFunderRow}
    >
      {(funder, i) => (
        <>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t.calls.fields.agency}
              required
              allowDeselect={false}
              data={ALL_AGENCIES.map((a) => ({ value: a, label: a }))}
              {...form.getInputProps(`settings.funders.${i}.agency`)}
            />
            <MoneyInput
              label={t.calls.fields.envelope_cents}
              description={t.calls.editor.euroHint}
              required
              {...form.getInputProps(`settings.funders.${i}.envelope_cents`)}
              value={funder.envelope_cents}
              onChange={(value) => form.setFieldValue(`settings.funders.${i}.envelope_cents`, value)}
            />
          </SimpleGrid>
          <Checkbox.Group label={t.calls.fields.funds} {...form.getInputProps(`settings.funders.${i}.funds`)}>
            <Group gap="md" mt={6}>
              {ORGANISATION_KINDS.map((kind) => (
                <Checkbox key={kind} value={kind} label={t.organisations.kinds[kind]} />
              ))}
            </Group>
          </Checkbox.Group>
        </>
      )}
    </RowListSection>
  );
}

/** The stage of a row (documents, criteria, thresholds): outline or full. */
function StageSelect({ form, path }: { form: Form; path: string }) {
  const t = useMessages();
  const stages = STAGES.map((s) => ({ value: s, label: t.calls.stages[s] }));
  return <Select label={t.calls.fields.stage} required allowDeselect={false} data={stages} {...form.getInputProps(path)} />;
}

function DocumentsSection({ form }: { form: Form }) {
  const t = useMessages();
  return (
    <RowListSection
      form={form}
      list="documents"
      title={t.calls.editor.documentsSection}
      legend={t.calls.editor.row.documents}
      removeLabel={t.calls.editor.removeDocument}
      addLabel={t.calls.editor.addDocument}
      newRow={() => newDocumentRow('full')}
    >
      {(_doc, i) => (
        <>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <StageSelect form={form} path={`settings.documents.${i}.stage`} />
            <TextInput
              label={t.calls.fields.document_type}
              required
              {...form.getInputProps(`settings.documents.${i}.document_type`)}
            />
            <TextInput label={t.calls.fields.label} required {...form.getInputProps(`settings.documents.${i}.label`)} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NumberInput
              label={t.calls.fields.max_size_bytes}
              required
              min={0}
              step={1}
              {...form.getInputProps(`settings.documents.${i}.max_size_bytes`)}
            />
            <TagsInput
              label={t.calls.fields.media_types}
              description={t.calls.editor.mediaTypesHint}
              data={COMMON_MEDIA_TYPES}
              {...form.getInputProps(`settings.documents.${i}.media_types`)}
            />
            <Checkbox
              mt={{ sm: 30 }}
              label={t.calls.fields.required}
              {...form.getInputProps(`settings.documents.${i}.required`, { type: 'checkbox' })}
            />
          </SimpleGrid>
        </>
      )}
    </RowListSection>
  );
}

function CriteriaSection({ form }: { form: Form }) {
  const t = useMessages();
  return (
    <RowListSection
      form={form}
      list="criteria"
      title={t.calls.editor.criteriaSection}
      legend={t.calls.editor.row.criteria}
      removeLabel={t.calls.editor.removeCriterion}
      addLabel={t.calls.editor.addCriterion}
      newRow={() => newCriterionRow('full')}
      intro={
        <Text size="sm" c="dimmed">
          {t.calls.scoreScale}
        </Text>
      }
    >
      {(_criterion, i) => (
        <>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <StageSelect form={form} path={`settings.criteria.${i}.stage`} />
            <TextInput label={t.calls.fields.key} required {...form.getInputProps(`settings.criteria.${i}.key`)} />
            <TextInput label={t.calls.fields.label} required {...form.getInputProps(`settings.criteria.${i}.label`)} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NumberInput
              label={t.calls.fields.weight}
              required
              min={0}
              step={0.5}
              {...form.getInputProps(`settings.criteria.${i}.weight`)}
            />
            <NumberInput
              label={t.calls.fields.threshold}
              required
              min={0}
              max={5}
              step={0.5}
              {...form.getInputProps(`settings.criteria.${i}.threshold`)}
            />
          </SimpleGrid>
        </>
      )}
    </RowListSection>
  );
}

function ThresholdsSection({ form }: { form: Form }) {
  const t = useMessages();
  const thresholds = form.values.settings.thresholds;
  return (
    <RowListSection
      form={form}
      list="thresholds"
      title={t.calls.editor.thresholdsSection}
      legend={t.calls.editor.row.thresholds}
      removeLabel={t.calls.editor.removeThreshold}
      addLabel={t.calls.editor.addThreshold}
      // A new threshold is for the first stage that has none yet.
      newRow={() => newThresholdRow(STAGES.find((s) => !thresholds.some((th) => th.stage === s)) ?? 'full')}
    >
      {(_threshold, i) => (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <StageSelect form={form} path={`settings.thresholds.${i}.stage`} />
          <NumberInput
            label={t.calls.fields.overall}
            required
            min={0}
            step={0.5}
            {...form.getInputProps(`settings.thresholds.${i}.overall`)}
          />
        </SimpleGrid>
      )}
    </RowListSection>
  );
}

interface Summary {
  /** How many messages sit next to their fields. */
  placed: number;
  /** Messages with no field of their own in the editor. */
  unplaced: string[];
  /** A message for an error that named no field (409, network, ...). */
  general: string | null;
}

export interface CallEditorProps {
  /** The call being edited; absent when creating one. */
  call?: Call;
  /** Title, description and settings the form starts from: the call's, or the defaults. */
  initial: { title: string; description: string; settings: CallSettings };
  onSaved: (call: Call) => void;
  onCancel: () => void;
  /** After a 412: load the current call (the editor is then rebuilt from it). */
  onReload?: () => void;
}

/** Creates or edits a call. Server 422s land on the input their field path names. */
export function CallEditor({ call, initial, onSaved, onCancel, onReload }: CallEditorProps) {
  const t = useMessages();
  const create = useCreateCall();
  const update = useUpdateCall();
  const [initialValues] = useState(() => toFormValues(initial.title, initial.description, initial.settings));
  const form = useForm<CallFormValues>({
    mode: 'controlled',
    initialValues,
    validate: (values) => validateCallForm(values, t),
  });
  const [summary, setSummary] = useState<Summary | null>(null);
  const [stale, setStale] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);

  // Take keyboard and screen-reader users to the news after a refused save.
  useEffect(() => {
    if (summary || stale) {
      alertRef.current?.focus();
      alertRef.current?.scrollIntoView({ block: 'center' });
    }
  }, [summary, stale]);

  const saving = create.isPending || update.isPending;
  const s = form.values.settings;

  const handleSubmit = form.onSubmit(
    (values) => {
      setSummary(null);
      setStale(false);
      const body = toCallBody(values, initial.settings);
      const onError = (error: unknown) => {
        if (isApiError(error) && error.status === 412) {
          setStale(true);
          return;
        }
        const placed = placeServerErrors(error, values, t);
        form.setErrors(placed.fieldErrors);
        setSummary({
          placed: Object.keys(placed.fieldErrors).length,
          unplaced: placed.unplaced,
          general: placed.general,
        });
      };
      if (call) {
        update.mutate(
          { id: call.id, version: call.version, body },
          {
            onSuccess: (saved) => {
              notifications.show({ color: 'green', message: t.calls.editor.saved });
              onSaved(saved);
            },
            onError,
          },
        );
      } else {
        create.mutate(body, {
          onSuccess: (created) => {
            notifications.show({ color: 'green', message: t.calls.editor.created });
            onSaved(created);
          },
          onError,
        });
      }
    },
    (errors) => setSummary({ placed: Object.keys(errors).length, unplaced: [], general: null }),
  );

  return (
    <form onSubmit={handleSubmit} noValidate aria-label={call ? t.calls.editor.editTitle(call.title) : t.calls.editor.newTitle}>
      <Stack gap="md">
        {stale ? (
          <Alert color="orange" variant="light" role="alert" ref={alertRef} tabIndex={-1}>
            <Group justify="space-between">
              <Text size="sm">{t.calls.conflictReload}</Text>
              {onReload && (
                <Button size="xs" variant="white" color="orange" onClick={onReload}>
                  {t.calls.reload}
                </Button>
              )}
            </Group>
          </Alert>
        ) : (
          summary && (
            <Alert color="red" variant="light" role="alert" ref={alertRef} tabIndex={-1}>
              <Stack gap={4}>
                {summary.general && <Text size="sm">{summary.general}</Text>}
                {summary.placed > 0 && <Text size="sm">{t.calls.editor.fixErrors(summary.placed)}</Text>}
                {summary.unplaced.length > 0 && (
                  <>
                    {summary.placed > 0 && <Text size="sm">{t.calls.editor.otherErrors}</Text>}
                    <List size="sm" spacing={2}>
                      {summary.unplaced.map((message, i) => (
                        <List.Item key={i}>{message}</List.Item>
                      ))}
                    </List>
                  </>
                )}
              </Stack>
            </Alert>
          )
        )}

        <Section title={t.calls.editor.basics}>
          <TextInput label={t.calls.fields.title} required maxLength={300} {...form.getInputProps('title')} />
          <Textarea
            label={t.calls.fields.description}
            autosize
            minRows={3}
            maxRows={12}
            {...form.getInputProps('description')}
          />
          <Select
            label={t.calls.fields.time_zone}
            required
            searchable
            allowDeselect={false}
            data={timeZoneOptions(s.time_zone)}
            limit={50}
            maw={360}
            {...form.getInputProps('settings.time_zone')}
          />
        </Section>

        <Section title={t.calls.editor.stagesSection}>
          <Switch
            label={t.calls.editor.twoStageToggle}
            description={t.calls.editor.twoStageHint}
            {...form.getInputProps('two_stage', { type: 'checkbox' })}
          />
          {form.values.two_stage && (
            <DeadlineFields
              legend={t.calls.fields.outline_stage}
              timeZone={s.time_zone}
              value={s.outline_stage.deadline_local}
              onChange={(value) => form.setFieldValue('settings.outline_stage.deadline_local', value)}
              error={form.errors['settings.outline_stage.deadline_local']}
            />
          )}
          <DeadlineFields
            legend={t.calls.fields.full_stage}
            timeZone={s.time_zone}
            value={s.full_stage.deadline_local}
            onChange={(value) => form.setFieldValue('settings.full_stage.deadline_local', value)}
            error={form.errors['settings.full_stage.deadline_local']}
          />
        </Section>

        <FundersSection form={form} />

        <Section title={t.calls.editor.capSection}>
          <MoneyInput
            label={t.calls.fields.cap_per_project_cents}
            description={t.calls.editor.euroHint}
            required
            maw={360}
            {...form.getInputProps('settings.cap_per_project_cents')}
            value={s.cap_per_project_cents}
            onChange={(value) => form.setFieldValue('settings.cap_per_project_cents', value)}
          />
          <Checkbox.Group
            label={t.calls.fields.capped_agencies}
            description={t.calls.editor.cappedAgenciesHint}
            {...form.getInputProps('settings.capped_agencies')}
          >
            <Group gap="md" mt={6}>
              {ALL_AGENCIES.map((agency) => (
                <Checkbox key={agency} value={agency} label={agency} />
              ))}
            </Group>
          </Checkbox.Group>
        </Section>

        <Section title={t.calls.editor.consortiumSection}>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NumberInput
              label={t.calls.fields.min_luxembourg_companies}
              required
              min={0}
              allowDecimal={false}
              {...form.getInputProps('settings.consortium.min_luxembourg_companies')}
            />
            <NumberInput
              label={t.calls.fields.min_luxembourg_research_organisations}
              required
              min={0}
              allowDecimal={false}
              {...form.getInputProps('settings.consortium.min_luxembourg_research_organisations')}
            />
            <NumberInput
              label={t.calls.fields.max_partners}
              required
              min={0}
              allowDecimal={false}
              {...form.getInputProps('settings.consortium.max_partners')}
            />
          </SimpleGrid>
          <Checkbox
            label={t.calls.fields.hospital_required}
            {...form.getInputProps('settings.consortium.hospital_required', { type: 'checkbox' })}
          />
        </Section>

        <Section title={t.calls.editor.durationSection}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NumberInput
              label={t.calls.fields.min_duration_months}
              required
              min={0}
              allowDecimal={false}
              {...form.getInputProps('settings.min_duration_months')}
            />
            <NumberInput
              label={t.calls.fields.max_duration_months}
              required
              min={0}
              allowDecimal={false}
              {...form.getInputProps('settings.max_duration_months')}
            />
          </SimpleGrid>
        </Section>

        <DocumentsSection form={form} />
        <CriteriaSection form={form} />
        <ThresholdsSection form={form} />

        <Section title={t.calls.editor.evaluationSection}>
          <NumberInput
            label={t.calls.fields.reviews_per_proposal}
            required
            min={0}
            allowDecimal={false}
            maw={360}
            {...form.getInputProps('settings.reviews_per_proposal')}
          />
          <Switch
            label={t.calls.fields.enabled}
            {...form.getInputProps('settings.right_to_reply.enabled', { type: 'checkbox' })}
          />
          <NumberInput
            label={t.calls.fields.max_chars}
            required
            min={0}
            allowDecimal={false}
            maw={360}
            {...form.getInputProps('settings.right_to_reply.max_chars')}
          />
        </Section>

        <Section title={t.calls.editor.remindersSection}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t.calls.fields.submission_reminder_days}
              description={t.calls.editor.dayListHint}
              {...form.getInputProps('settings.submission_reminder_days')}
            />
            <TextInput
              label={t.calls.fields.review_reminder_days}
              description={t.calls.editor.dayListHint}
              {...form.getInputProps('settings.review_reminder_days')}
            />
          </SimpleGrid>
          <NumberInput
            label={t.calls.fields.redress_days}
            required
            min={1}
            allowDecimal={false}
            maw={360}
            {...form.getInputProps('settings.redress_days')}
          />
        </Section>

        <Section title={t.calls.editor.grantRulesSection} error={form.errors['settings.grant_rules']}>
          <Text size="sm" c="dimmed">
            {t.calls.editor.grantRulesHint}
          </Text>
          <GrantRulesTable rules={s.grant_rules} />
        </Section>

        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t.common.cancel}
          </Button>
          <Button type="submit" loading={saving} disabled={stale}>
            {call ? t.calls.editor.save : t.calls.editor.create}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
