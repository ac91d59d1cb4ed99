import { describe, expect, it } from 'vitest';
import type { DocumentRequirement } from '../../lib/api/types';
import { acceptAttribute, checkDocument, formatBytes, mediaTypeOf } from './documentChecks';

const requirement: DocumentRequirement = {
  stage: 'outline',
  document_type: 'outline_description',
  label: 'Outline description (PDF)',
  required: true,
  max_size_bytes: 10 * 1024 * 1024,
  media_types: ['application/pdf'],
};

const file = (name: string, type: string, size: number) => ({ name, type, size });

describe('checkDocument', () => {
  it('accepts a PDF within the limit, also exactly at the limit', () => {
    expect(checkDocument(file('a.pdf', 'application/pdf', 1000), requirement)).toEqual([]);
    expect(checkDocument(file('a.pdf', 'application/pdf', 10 * 1024 * 1024), requirement)).toEqual([]);
  });

  it('refuses a file one byte too large', () => {
    expect(checkDocument(file('a.pdf', 'application/pdf', 10 * 1024 * 1024 + 1), requirement)).toEqual([
      { kind: 'too_large', maxBytes: 10 * 1024 * 1024 },
    ]);
  });

  it('refuses another type and reports both problems at once', () => {
    expect(checkDocument(file('a.docx', 'application/msword', 20 * 1024 * 1024), requirement)).toEqual([
      { kind: 'too_large', maxBytes: 10 * 1024 * 1024 },
      { kind: 'wrong_type', accepted: ['application/pdf'] },
    ]);
  });

  it('guesses the type from the extension when the browser gives none', () => {
    expect(mediaTypeOf({ name: 'Plan.PDF', type: '' })).toBe('application/pdf');
    expect(mediaTypeOf({ name: 'noext', type: '' })).toBe('');
    expect(checkDocument(file('plan.pdf', '', 10), requirement)).toEqual([]);
    expect(checkDocument(file('noext', '', 10), requirement)).toEqual([{ kind: 'wrong_type', accepted: ['application/pdf'] }]);
  });

  it('understands wildcards and parameters, and accepts anything when no types are listed', () => {
    const images = { ...requirement, media_types: ['image/*'] };
    expect(checkDocument(file('a.png', 'image/png', 10), images)).toEqual([]);
    expect(checkDocument(file('a.txt', 'text/plain; charset=utf-8', 10), { ...requirement, media_types: ['text/plain'] })).toEqual([]);
    expect(checkDocument(file('a.bin', 'application/octet-stream', 10), { ...requirement, media_types: [] })).toEqual([]);
    expect(acceptAttribute({ ...requirement, media_types: [] })).toBeUndefined();
    expect(acceptAttribute(requirement)).toBe('application/pdf');
  });
});

describe('formatBytes', () => {
  it('shows sizes for people', () => {
    expect(formatBytes(10 * 1024 * 1024, 'en-GB')).toBe('10 MB');
    expect(formatBytes(1536, 'en-GB')).toBe('1.5 KB');
    expect(formatBytes(12, 'en-GB')).toBe('12 B');
  });
});
