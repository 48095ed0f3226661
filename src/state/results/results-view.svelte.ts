/** Which view of the open segment the workspace shows. */
export const RESULT_TABS = ['definition', 'members', 'why', 'timeline', 'overlap', 'query'] as const;
export type ResultTab = (typeof RESULT_TABS)[number];

export class ResultsView {
  tab: ResultTab = $state('definition');

  show(tab: string | undefined): void {
    if (RESULT_TABS.includes(tab as ResultTab)) this.tab = tab as ResultTab;
  }
}
