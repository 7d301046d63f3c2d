import type { TabSpec } from '../../src/core/tab/spec';
import { cellValue } from '../../src/core/tab/spec';
import { renderTabHtml } from '../../src/local/html-preview';

export function renderHtmlPreviewForTest(spec: TabSpec): string {
  return renderTabHtml(
    spec,
    spec.rows.map((row) => row.map(cellValue)),
    { lang: 'zh-CN', editable: false },
  );
}
