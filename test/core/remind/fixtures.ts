/** A day of due items and a team with contacts, as the reminder tests share them. */
import { addDays, serialFromYmd } from '../../../src/core/dates';
import type { Contact } from '../../../src/core/team/contacts';
import type { DueItem } from '../../../src/core/today/due';

export const DAY = serialFromYmd(2026, 12, 3);

export function due(fields: Partial<DueItem> & Pick<DueItem, 'item' | 'owner'>): DueItem {
  return {
    source: 'sop',
    tab: 'SOP·Java引流1群 第12期',
    row: 5,
    group: 'Java引流1群',
    cohort: '第12期',
    date: DAY,
    minute: null,
    status: '',
    state: 'today',
    daysOverdue: 0,
    ...fields,
  };
}

export const ITEMS: DueItem[] = [
  due({ item: '发开营公告', owner: '林晓', minute: 9 * 60, row: 5 }),
  due({ item: '直播预热话术', owner: '周舟', minute: 19 * 60 + 30, row: 6 }),
  due({ item: '整理到课名单', owner: '林晓、周舟', row: 7 }),
  due({ item: '朋友圈种草', owner: '', minute: 12 * 60, row: 8 }),
  due({ item: '收集作业', owner: '陈默', date: addDays(DAY, -2), state: 'overdue', daysOverdue: 2, row: 3 }),
  due({ item: '发课前提醒', owner: '林晓', date: addDays(DAY, 1), state: 'upcoming', minute: 8 * 60, row: 9 }),
  due({ item: '下周排期', owner: '周舟', date: addDays(DAY, 3), state: 'upcoming', row: 12 }),
];

export const CONTACTS: Contact[] = [
  { name: '林晓', email: 'linxiao@example.com', phone: '13800000001', wecomUserId: 'LinXiao', feishuOpenId: 'ou_1111aaaa', dingtalkUserId: '' },
  { name: '周舟', email: 'zhouzhou@example.com', phone: '13900000002', wecomUserId: '', feishuOpenId: '', dingtalkUserId: 'zhouzhou01' },
  { name: '陈默', email: '', phone: '', wecomUserId: '', feishuOpenId: '', dingtalkUserId: '' },
];

export const LINKS = { 'SOP·Java引流1群 第12期': 'https://docs.google.com/spreadsheets/d/abc/edit#gid=42' };
