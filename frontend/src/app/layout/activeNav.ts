/** A main navigation entry: its address, and other pages that belong to its section. */
export interface NavSection {
  to: string;
  /** Pages elsewhere in the tree that this section owns (e.g. a call's funding page for funders). */
  claims?: RegExp;
}

/**
 * The entry to mark as current for `path` among the visible ones: a section
 * that claims the page wins (a funder on /calls/:id/funding is in "Funding",
 * not "Calls"); otherwise the longest entry the path is under.
 */
export function activeSection(path: string, sections: readonly NavSection[]): string | null {
  const claimed = sections.find((s) => s.claims?.test(path));
  if (claimed) return claimed.to;
  const under = sections.filter((s) => path === s.to || path.startsWith(`${s.to}/`));
  under.sort((a, b) => b.to.length - a.to.length);
  return under[0]?.to ?? null;
}
