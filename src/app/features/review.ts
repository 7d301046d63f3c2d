/** 复盘 / Review: its sidebar page, menu item and the functions the page calls. */
import { parseReviewRequest } from '../../core/review/request';
import { defineFeature, withRequest, withStateRequest } from '../feature';
import { generateReview, getReviewState, previewReview } from '../review';

export const reviewFeature = defineFeature({
  page: 'review',
  pageMessages: ['review.sidebar'],
  menu: [{ label: 'review.menu.sidebar', fn: 'showReviewSidebar', page: 'review' }],
  api: {
    getReviewState: withStateRequest('review.error.request', getReviewState),
    previewReview: withRequest(parseReviewRequest, previewReview),
    generateReview: withRequest(parseReviewRequest, generateReview),
  },
});
