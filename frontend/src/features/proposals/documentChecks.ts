import type { DocumentRequirement } from '../../lib/api/types';

export type DocumentProblem = { kind: 'too_large'; maxBytes: number } | { kind: 'wrong_type'; accepted: string[] };

const BY_EXTENSION: Record<string, string> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  txt: 'text/plain',
  csv: 'text/csv',
  zip: 'application/zip',
};

/** The file's media type as the browser says, else guessed from the extension; '' when unknown. */
export function mediaTypeOf(file: Pick<File, 'name' | 'type'>): string {
  if (file.type) return file.type.toLowerCase().split(';')[0]?.trim() ?? '';
  const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase();
  return ext ? (BY_EXTENSION[ext] ?? '') : '';
}

function accepts(accepted: readonly string[], mediaType: string): boolean {
  return accepted.some((a) => {
    const want = a.toLowerCase();
    if (want === '*/*') return true;
    if (want.endsWith('/*')) return mediaType.startsWith(want.slice(0, -1));
    return want === mediaType;
  });
}

/**
 * What is wrong with a file before it is sent, by the call's limits: every
 * problem at once, or none. The server checks again (by content, not name).
 */
export function checkDocument(file: Pick<File, 'name' | 'type' | 'size'>, requirement: DocumentRequirement): DocumentProblem[] {
  const problems: DocumentProblem[] = [];
  if (file.size > requirement.max_size_bytes) {
    problems.push({ kind: 'too_large', maxBytes: requirement.max_size_bytes });
  }
  if (requirement.media_types.length > 0 && !accepts(requirement.media_types, mediaTypeOf(file))) {
    problems.push({ kind: 'wrong_type', accepted: [...requirement.media_types] });
  }
  return problems;
}

/** For the file picker's `accept` attribute. */
export function acceptAttribute(requirement: DocumentRequirement): string | undefined {
  return requirement.media_types.length > 0 ? requirement.media_types.join(',') : undefined;
}

/** Sizes for people: 10485760 -> "10 MB". */
export function formatBytes(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}
