import { Anchor, Badge, Button, Code, FileButton, Group, Paper, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { FormError } from '../../../components/FormError';
import { QueryError } from '../../../components/QueryError';
import { useMessages } from '../../../i18n';
import type { DocumentRequirement, Proposal, ProposalDocument } from '../../../lib/api/types';
import { formatDate } from '../../../lib/format';
import { errorMessage, isApiError } from '../../../lib/problem';
import { useDeleteDocument } from '../api/deleteDocument';
import { downloadDocument } from '../api/downloadDocument';
import { useDocuments } from '../api/getDocuments';
import { useUploadDocument } from '../api/uploadDocument';
import { documentAnchorId } from '../checklistLinks';
import { acceptAttribute, checkDocument, formatBytes, type DocumentProblem } from '../documentChecks';
import { ActionsHeader } from '../../../components/ActionsHeader';

function DocumentRows({ proposalId, documents, editable }: { proposalId: string; documents: ProposalDocument[]; editable: boolean }) {
  const t = useMessages();
  const remove = useDeleteDocument();
  const [error, setError] = useState<string | null>(null);
  if (documents.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t.proposals.noDocuments}
      </Text>
    );
  }
  return (
    <Stack gap="xs">
      <FormError message={error} />
      <Table.ScrollContainer minWidth={640}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t.proposals.filename}</Table.Th>
              <Table.Th>{t.proposals.size}</Table.Th>
              <Table.Th>{t.proposals.uploadedAt}</Table.Th>
              <Table.Th>{t.proposals.sha256}</Table.Th>
              <ActionsHeader />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {documents.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>
                  <Anchor
                    component="button"
                    type="button"
                    onClick={() => void downloadDocument(proposalId, d.id, d.filename).catch((e: unknown) => setError(errorMessage(e, t)))}
                  >
                    {d.filename}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {d.media_type}
                  </Text>
                </Table.Td>
                <Table.Td>{formatBytes(d.size_bytes, t.format.locale)}</Table.Td>
                <Table.Td>{formatDate(d.created_at, t.format.locale)}</Table.Td>
                <Table.Td>
                  <Code style={{ wordBreak: 'break-all' }}>{d.sha256}</Code>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() => void downloadDocument(proposalId, d.id, d.filename).catch((e: unknown) => setError(errorMessage(e, t)))}
                    >
                      {t.proposals.download}
                    </Button>
                    {editable && (
                      <Button
                        size="xs"
                        color="red"
                        variant="light"
                        loading={remove.isPending && remove.variables?.documentId === d.id}
                        onClick={() => {
                          if (!window.confirm(t.proposals.deleteDocumentConfirm(d.filename))) return;
                          setError(null);
                          remove.mutate(
                            { id: proposalId, documentId: d.id },
                            {
                              onSuccess: () => notifications.show({ color: 'green', message: t.proposals.documentDeleted }),
                              onError: (e) => setError(errorMessage(e, t)),
                            },
                          );
                        }}
                      >
                        {t.proposals.deleteDocument}
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

export function describeProblem(problem: DocumentProblem, t: ReturnType<typeof useMessages>): string {
  return problem.kind === 'too_large'
    ? t.proposals.tooLarge(formatBytes(problem.maxBytes, t.format.locale))
    : t.proposals.wrongType(problem.accepted.join(', '));
}

function uploadErrorMessage(error: unknown, t: ReturnType<typeof useMessages>): string {
  if (isApiError(error) && error.status === 413) return error.problem.detail ?? t.proposals.serverTooLarge;
  if (isApiError(error) && error.status === 415) return error.problem.detail ?? t.proposals.serverWrongType;
  return errorMessage(error, t);
}

function RequirementBlock({
  proposalId,
  requirement,
  documents,
  editable,
}: {
  proposalId: string;
  requirement: DocumentRequirement;
  documents: ProposalDocument[];
  editable: boolean;
}) {
  const t = useMessages();
  const upload = useUploadDocument();
  const [progress, setProgress] = useState<number | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const types = requirement.media_types.length > 0 ? requirement.media_types.join(', ') : t.proposals.anyType;

  const onFile = (file: File | null) => {
    if (!file) return;
    const problems = checkDocument(file, requirement);
    if (problems.length > 0) {
      setErrors(problems.map((p) => describeProblem(p, t)));
      return;
    }
    setErrors([]);
    setProgress(0);
    upload.mutate(
      { id: proposalId, documentType: requirement.document_type, file, onProgress: setProgress },
      {
        onSuccess: (doc) => notifications.show({ color: 'green', message: t.proposals.uploaded(doc.filename) }),
        onError: (e) => setErrors([uploadErrorMessage(e, t)]),
        onSettled: () => setProgress(null),
      },
    );
  };

  return (
    <Paper withBorder p="md" radius="md" id={documentAnchorId(requirement.document_type)} tabIndex={-1}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Group gap="xs">
              <Text fw={600}>{requirement.label}</Text>
              <Badge size="xs" color={requirement.required ? 'red' : 'gray'} variant="light">
                {requirement.required ? t.proposals.required : t.proposals.optional}
              </Badge>
            </Group>
            <Text size="xs" c="dimmed">
              {t.proposals.limits(formatBytes(requirement.max_size_bytes, t.format.locale), types)}
            </Text>
          </Stack>
          {editable && (
            <FileButton onChange={onFile} accept={acceptAttribute(requirement)}>
              {(props) => (
                <Button size="xs" {...props} loading={upload.isPending} aria-label={`${t.proposals.upload}: ${requirement.label}`}>
                  {documents.length > 0 ? t.proposals.replace : t.proposals.upload}
                </Button>
              )}
            </FileButton>
          )}
        </Group>
        {progress !== null && (
          <Stack gap={2}>
            <Progress value={Math.round(progress * 100)} aria-label={t.proposals.uploading(Math.round(progress * 100))} />
            <Text size="xs">{t.proposals.uploading(Math.round(progress * 100))}</Text>
          </Stack>
        )}
        {errors.map((e) => (
          <Text key={e} size="sm" c="red" role="alert">
            {e}
          </Text>
        ))}
        <DocumentRows proposalId={proposalId} documents={documents} editable={editable} />
      </Stack>
    </Paper>
  );
}

/** The document types of the proposal's stage with their limits, uploads and the uploaded files. */
export function DocumentsPanel({
  proposal,
  requirements,
  editable,
}: {
  proposal: Proposal;
  requirements: DocumentRequirement[];
  editable: boolean;
}) {
  const t = useMessages();
  const documents = useDocuments(proposal.id);
  const forStage = requirements.filter((r) => r.stage === proposal.stage);
  if (documents.isError) return <QueryError error={documents.error} onRetry={() => void documents.refetch()} />;
  const all = documents.data ?? [];
  const known = new Set(forStage.map((r) => r.document_type));
  const others = all.filter((d) => !known.has(d.document_type));
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t.proposals.requiredDocuments(t.proposals.stages[proposal.stage] ?? proposal.stage)}
      </Text>
      {forStage.map((r) => (
        <RequirementBlock
          key={r.document_type}
          proposalId={proposal.id}
          requirement={r}
          documents={all.filter((d) => d.document_type === r.document_type)}
          editable={editable}
        />
      ))}
      {others.length > 0 && (
        <Stack gap="xs">
          <Title order={3} size="h4">{t.proposals.otherDocuments}</Title>
          <DocumentRows proposalId={proposal.id} documents={others} editable={editable} />
        </Stack>
      )}
    </Stack>
  );
}
