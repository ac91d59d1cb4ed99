import {
  Alert,
  Anchor,
  Button,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { useState, type ReactNode } from 'react';
import { FormError } from '../../../components/FormError';
import { useMessages } from '../../../i18n';
import {
  APPROVAL_STATUSES,
  MDR_CLASSES,
  PRODUCT_MATURITIES,
  RESEARCH_CATEGORIES,
  STUDY_FRAMEWORKS,
  type Proposal,
} from '../../../lib/api/types';
import { errorMessage, isApiError } from '../../../lib/problem';
import { fetchLatestProposal } from '../api/getProposal';
import { proposalQueryKey } from '../../../lib/queryKeys/proposals';
import { useUpdateProposal } from '../api/updateProposal';
import { fieldAnchorId } from '../checklistLinks';
import {
  formPathOf,
  reapplyOnLatest,
  toProposalBody,
  toProposalFormValues,
  type ConflictField,
  type ProposalFormPath,
  type ProposalFormValues,
} from '../proposalForm';

interface Props {
  proposal: Proposal;
  /** False when the proposal is not a draft any more. */
  editable: boolean;
}

/**
 * The proposal's own fields and its clinical investigation section, saved with
 * If-Match. On 412 the user's input stays in the form; "load the latest
 * version" takes the new version as the base and lists the fields someone
 * else changed next to the user's values, so they can reapply and save again.
 */
export function ProposalOverviewForm({ proposal, editable }: Props) {
  const t = useMessages();
  const update = useUpdateProposal();
  const queryClient = useQueryClient();
  const [base, setBase] = useState<Proposal>(proposal);
  const [stale, setStale] = useState(false);
  const [reloading, setReloading] = useState(false);
  const [conflicts, setConflicts] = useState<ConflictField[] | null>(null);
  const [general, setGeneral] = useState<string | null>(null);
  const form = useForm<ProposalFormValues>({
    mode: 'controlled',
    initialValues: toProposalFormValues(proposal),
    validate: {
      acronym: (v) => (v.trim() ? null : t.errors.required),
    },
  });

  // Another part of the page (a removed partner, a reload) brought a newer version:
  // take it when the user has nothing unsaved; otherwise saving answers 412 and the reapply flow runs.
  const [seenVersion, setSeenVersion] = useState(proposal.version);
  if (proposal.version !== seenVersion) {
    setSeenVersion(proposal.version);
    if (proposal.version > base.version && !form.isDirty()) {
      setBase(proposal);
      const next = toProposalFormValues(proposal);
      form.setValues(next);
      form.resetDirty(next);
    }
  }

  const handleSubmit = form.onSubmit((values) => {
    setGeneral(null);
    update.mutate(
      { id: base.id, version: base.version, body: toProposalBody(values) },
      {
        onSuccess: (saved) => {
          setBase(saved);
          setStale(false);
          setConflicts(null);
          const next = toProposalFormValues(saved);
          form.setValues(next);
          form.resetDirty(next);
          notifications.show({ color: 'green', message: t.proposals.saved });
        },
        onError: (error) => {
          if (isApiError(error) && error.status === 412) {
            setStale(true);
            return;
          }
          if (isApiError(error) && error.status === 409) {
            setGeneral(error.problem.detail ?? t.proposals.notEditable);
            return;
          }
          const fieldErrors: Record<string, string> = {};
          const rest: string[] = [];
          for (const entry of isApiError(error) ? (error.problem.errors ?? []) : []) {
            const path = formPathOf(entry.field);
            if (path) fieldErrors[path] = fieldErrors[path] ? `${fieldErrors[path]} ${entry.message}` : entry.message;
            else rest.push(entry.message);
          }
          form.setErrors(fieldErrors);
          setGeneral(
            rest.length > 0 ? rest.join(' ') : Object.keys(fieldErrors).length > 0 ? null : errorMessage(error, t),
          );
        },
      },
    );
  });

  const loadLatest = async () => {
    setReloading(true);
    setGeneral(null);
    try {
      const latest = await fetchLatestProposal(base.id);
      queryClient.setQueryData(proposalQueryKey(latest.id), latest);
      const merged = reapplyOnLatest(toProposalFormValues(base), toProposalFormValues(latest), form.getValues());
      form.setValues(merged.values);
      setConflicts(merged.conflicts);
      setBase(latest);
      setStale(false);
    } catch (error) {
      setGeneral(errorMessage(error, t));
    } finally {
      setReloading(false);
    }
  };

  const conflictAt = (path: ProposalFormPath): ReactNode => {
    const c = conflicts?.find((x) => x.path === path);
    if (!c) return null;
    return (
      <Text size="xs" c="orange.8" data-testid={`theirs-${path}`}>
        {t.proposals.theirValue(c.theirs)}{' '}
        <Anchor
          component="button"
          type="button"
          size="xs"
          onClick={() => {
            const latest = toProposalFormValues(base);
            if (path.startsWith('clinical.')) {
              const key = path.slice('clinical.'.length) as keyof ProposalFormValues['clinical'];
              form.setFieldValue(`clinical.${key}`, latest.clinical[key]);
            } else {
              const key = path as Exclude<keyof ProposalFormValues, 'clinical'>;
              form.setFieldValue(key, latest[key]);
            }
            setConflicts((cs) => cs?.filter((x) => x.path !== path) ?? null);
          }}
        >
          {t.proposals.useTheirs}
        </Anchor>
      </Text>
    );
  };

  const field = (path: ProposalFormPath) => ({
    id: fieldAnchorId(path),
    ...form.getInputProps(path),
    readOnly: !editable,
  });
  const options = <K extends string>(keys: readonly K[], labels: Record<K, string>) =>
    keys.map((k) => ({ value: k, label: labels[k] }));

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack gap="md">
        {stale && (
          <Alert color="orange" variant="light" role="alert">
            <Stack gap="xs">
              <Text size="sm">{t.proposals.conflict}</Text>
              <Group>
                <Button size="xs" onClick={() => void loadLatest()} loading={reloading}>
                  {t.proposals.loadLatest}
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        {conflicts !== null && (
          <Alert color="blue" variant="light" role="status">
            {t.proposals.reapplyHint}
          </Alert>
        )}
        <FormError message={general} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <div>
            <TextInput label={t.proposals.acronym} required {...field('acronym')} />
            {conflictAt('acronym')}
          </div>
          <div>
            <Select
              label={t.proposals.researchCategory}
              data={options(RESEARCH_CATEGORIES, t.proposals.researchCategories)}
              allowDeselect={false}
              {...field('research_category')}
            />
            {conflictAt('research_category')}
          </div>
        </SimpleGrid>
        <div>
          <TextInput label={t.proposals.title} {...field('title')} />
          {conflictAt('title')}
        </div>
        <div>
          <Textarea label={t.proposals.abstract} autosize minRows={3} maxRows={12} {...field('abstract')} />
          {conflictAt('abstract')}
        </div>
        <div>
          <TagsInput label={t.proposals.keywords} description={t.proposals.keywordsHint} {...field('keywords')} />
          {conflictAt('keywords')}
        </div>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <div>
            <NumberInput label={t.proposals.duration} min={1} max={120} allowDecimal={false} {...field('duration_months')} />
            {conflictAt('duration_months')}
          </div>
          <div>
            <TextInput type="date" label={t.proposals.startDate} {...field('start_date')} />
            {conflictAt('start_date')}
          </div>
        </SimpleGrid>

        <Title order={3}>{t.proposals.clinicalTitle}</Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <div>
            <TextInput label={t.proposals.productName} {...field('clinical.product_name')} />
            {conflictAt('clinical.product_name')}
          </div>
          <div>
            <Select
              label={t.proposals.isMedicalDevice}
              data={[
                { value: 'yes', label: t.common.yes },
                { value: 'no', label: t.common.no },
              ]}
              placeholder={t.proposals.notAnswered}
              clearable
              {...field('clinical.is_medical_device')}
            />
            {conflictAt('clinical.is_medical_device')}
          </div>
        </SimpleGrid>
        <div>
          <Textarea label={t.proposals.intendedPurpose} autosize minRows={2} {...field('clinical.intended_purpose')} />
          {conflictAt('clinical.intended_purpose')}
        </div>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <div>
            <Select
              label={t.proposals.mdrClass}
              description={t.proposals.mdrHint}
              data={options(MDR_CLASSES, t.proposals.mdrClasses)}
              clearable
              {...field('clinical.mdr_class')}
            />
            {conflictAt('clinical.mdr_class')}
          </div>
          <div>
            <Select
              label={t.proposals.productMaturity}
              data={options(PRODUCT_MATURITIES, t.proposals.productMaturities)}
              clearable
              {...field('clinical.product_maturity')}
            />
            {conflictAt('clinical.product_maturity')}
          </div>
          <div>
            <Select
              label={t.proposals.studyFramework}
              data={options(STUDY_FRAMEWORKS, t.proposals.studyFrameworks)}
              clearable
              {...field('clinical.study_framework')}
            />
            {conflictAt('clinical.study_framework')}
          </div>
          <div>
            <Select
              label={t.proposals.ethicsStatus}
              data={options(APPROVAL_STATUSES, t.proposals.approvalStatuses)}
              clearable
              {...field('clinical.ethics_status')}
            />
            {conflictAt('clinical.ethics_status')}
          </div>
          <div>
            <Select
              label={t.proposals.authorityStatus}
              data={options(APPROVAL_STATUSES, t.proposals.approvalStatuses)}
              clearable
              {...field('clinical.authority_status')}
            />
            {conflictAt('clinical.authority_status')}
          </div>
          <div>
            <TextInput
              label={t.proposals.trialRegistration}
              description={t.proposals.trialRegistrationHint}
              {...field('clinical.trial_registration')}
            />
            {conflictAt('clinical.trial_registration')}
          </div>
        </SimpleGrid>
        {editable && (
          <Group>
            <Button type="submit" loading={update.isPending} disabled={stale}>
              {t.common.save}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
