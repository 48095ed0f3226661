/**
 * After "+ New segment" the analyst's next step is the definition, not the button again: focus
 * moves to the editor's first control (past the summary line and its JSON toggle).
 */
const CONTROLS = 'input, select, textarea, button, [tabindex]:not([tabindex="-1"])';

export function focusNewSegment(attempts = 20): void {
  const controls = [...document.querySelectorAll<HTMLElement>(`.se-editor :is(${CONTROLS})`)];
  const first = controls.find((el) => !el.closest('.se-row.top') && !(el as HTMLButtonElement).disabled && el.offsetParent !== null);
  if (first) first.focus();
  // The pane renders on the next frames (the editor is keyed by the new segment).
  else if (attempts > 0) requestAnimationFrame(() => focusNewSegment(attempts - 1));
}
