/** Printing: the PDF export link of a generated tab, which the feature sidebars offer under their result in Sheets. */
import { parsePrintRequest } from '../../core/tab/print';
import { defineFeature, withRequest } from '../feature';
import { printLink } from '../print';

export const printFeature = defineFeature({
  menu: [],
  api: {
    printLink: withRequest(parsePrintRequest, printLink),
  },
});
