/** 复盘 / Review: its menu action and the functions a sidebar may call. */
import { parseReviewRequest } from '../../core/review/request';
import { defineFeature, withRequest } from '../feature';
import { generateReview, getReviewState, showReview } from '../review';

export const reviewFeature = defineFeature({
  menu: [{ label: 'review.menu.generate', fn: 'showReview', action: showReview }],
  api: {
    getReviewState,
    generateReview: withRequest(parseReviewRequest, generateReview),
  },
});
