/**
 * 留存/校友群: a month's rhythm for a group of past buyers — a weekly referral digest, a monthly alumni
 * talk, a survey, a game, bring-a-friend and an offer for the next course, so the group stays alive
 * between purchases.
 */
import { row, type BuiltInTemplate } from './define';

const EARLY = 0;
const MID = 1;
const LATE = 2;

export const retentionMonthly: BuiltInTemplate = {
  id: 'retention-monthly',
  code: 'R',
  anchorKind: 'groupDay',
  name: { zh: '留存/校友群月度节奏', en: 'Alumni group monthly rhythm' },
  phases: { zh: ['月初', '月中', '月末'], en: ['Early month', 'Mid-month', 'Month end'] },
  rows: [
    row('d0-plan', 0, '10:00', EARLY, 'notice', 'headTeacher',
      ['公布本月安排', '群公告列出本月的分享会、答疑日和活动', '【本月校友群安排】\n· 每周一次：内推岗位周报\n· {日期+5} 20:00：校友分享会\n· {日期+15} 20:00：讲师答疑日\n· 月底：老带新和老学员专属福利\n有想听的主题随时告诉我。', '月度安排图'],
      ['Post this month\'s plan', 'The group notice lists this month\'s talk, Q&A day and events', '[Alumni group this month]\n· Once a week: referral-jobs digest\n· {date+5}, 8 pm: alumni talk\n· {date+15}, 8 pm: lecturer Q&A day\n· Month end: bring-a-friend and an alumni-only offer\nTell me any topic you would like to hear about.', 'Monthly plan image']),
    row('d1-jobs', 1, '12:00', EARLY, 'group', 'advisor',
      ['内推岗位周报', '整理本周的内推岗位，附投递方式', '本周内推岗位3个：[岗位1]、[岗位2]、[岗位3]。想投的私聊我拿内推码，简历我可以先帮你看一眼。', '岗位汇总表'],
      ['Referral-jobs digest', 'Compile this week\'s referral openings with how to apply', 'Three referral openings this week: [role 1], [role 2], [role 3]. Message me for a referral code; happy to look over your CV first.', 'Openings sheet']),
    row('d2-check-in', 2, '20:00', EARLY, 'group', 'assistant',
      ['每周学习打卡', '发起本周学习打卡，打卡满5天送小奖励', '新一周打卡开始！每天学完发一句“今天学了什么”，满5天送[奖励]。一个人学容易断，大家一起更好坚持。', '打卡海报'],
      ['Weekly study check-in', 'Start this week\'s check-in; 5 days earns a small reward', 'A new week of check-ins starts now! After studying, post one line on what you learnt; 5 days earns [reward]. Learning alone is easy to drop; together we keep going.', 'Check-in poster']),
    row('d5-alumni-talk', 5, '20:00', EARLY, 'live', 'lecturer',
      ['校友分享会', '邀请一位校友分享入职后的成长，讲师主持', '今晚8点校友分享会：请到[昵称]聊聊入职[时长]后的真实感受，工作里哪些课上学的最有用。直播入口：[直播链接]', '嘉宾介绍、直播链接'],
      ['Alumni talk', 'An alumnus shares how they grew since starting work; the lecturer hosts', 'Alumni talk tonight at 8 pm: [name] on what the first [time] in the job is really like, and which parts of the course turned out most useful. Join here: [live link]', 'Speaker intro, live link']),
    row('d8-jobs', 8, '12:00', EARLY, 'group', 'advisor',
      ['内推岗位周报', '整理本周的内推岗位', '本周内推岗位更新：[岗位列表]。上周有[人数]位同学投递，[人数]位进了面试，加油！', '岗位汇总表'],
      ['Referral-jobs digest', 'Compile this week\'s referral openings', 'Referral openings this week: [list]. Last week [n] of you applied and [n] reached interviews. Keep going!', 'Openings sheet']),
    row('d10-survey', 10, '12:00', MID, 'group', 'operator',
      ['需求调研表单', '发一份简短调研，了解大家现在的需求和下一步想学的', '占用大家1分钟：现在工作里最头疼的是什么？下一步最想学什么？填完抽3位送[奖品]：[问卷链接]', '问卷链接'],
      ['Needs survey', 'Send a short survey on current needs and what people want to learn next', 'One minute of your time: what is the hardest part of your work right now, and what do you want to learn next? Three respondents win [prize]: [survey link]', 'Survey link']),
    row('d12-game', 12, '20:00', MID, 'group', 'operator',
      ['互动小游戏', '在群里做一个知识抢答或红包抽奖，唤醒沉默成员', '今晚8点群里知识抢答！5道题，答对最多的前三名送[奖品]，题目都和我们学过的内容有关，来试试还记得多少😄', '题目、奖品'],
      ['Group game', 'Run a quiz or lucky draw in the group to wake up quiet members', 'Quiz in the group tonight at 8 pm! 5 questions on what we studied; the top three win [prize]. Let\'s see how much you remember 😄', 'Questions, prizes']),
    row('d15-jobs', 15, '12:00', MID, 'group', 'advisor',
      ['内推岗位周报', '整理本周的内推岗位', '本周内推岗位：[岗位列表]。月中岗位比较多，有想法的同学抓紧。', '岗位汇总表'],
      ['Referral-jobs digest', 'Compile this week\'s referral openings', 'Referral openings this week: [list]. Mid-month tends to be busy, so move quickly if you are interested.', 'Openings sheet']),
    row('d15-qa', 15, '20:00', MID, 'group', 'lecturer',
      ['讲师答疑日', '讲师在群里集中答疑一小时', '今晚8点到9点，{讲师}老师在群里答疑，工作里遇到的问题、想学的新方向都可以问。', '问题汇总'],
      ['Lecturer Q&A day', 'The lecturer answers questions in the group for an hour', 'From 8 to 9 pm tonight {lecturer} answers questions here: problems at work, new directions you are thinking about, anything.', 'Question list']),
    row('d18-referral', 18, '12:00', MID, 'group', 'operator',
      ['老带新活动', '发布老学员推荐新学员的奖励规则', '身边有想学的朋友吗？推荐朋友报名，你拿[奖励]，朋友也能享受老学员推荐价。专属推荐链接找我领。', '推荐海报'],
      ['Bring a friend', 'Announce the reward for alumni who refer new students', 'Know someone who wants to learn? When a friend you refer signs up, you get [reward] and they get the alumni referral price. Ask me for your personal link.', 'Referral poster']),
    row('d22-jobs', 22, '12:00', LATE, 'group', 'advisor',
      ['内推岗位周报', '整理本周的内推岗位', '本周内推岗位：[岗位列表]。有需要改简历或模拟面试的也可以约我。', '岗位汇总表'],
      ['Referral-jobs digest', 'Compile this week\'s referral openings', 'Referral openings this week: [list]. Need help with your CV or a mock interview? Book a slot with me.', 'Openings sheet']),
    row('d23-revisit', 23, '14:00', LATE, 'private', 'headTeacher',
      ['沉默成员回访', '私聊一个月没说话的成员，了解近况', '好久没在群里看到你啦，最近工作还顺利吗？有什么我们能帮上忙的尽管说。', '沉默成员名单'],
      ['Check on quiet members', 'Message members who have been silent for a month and ask how they are', 'Haven\'t seen you in the group for a while. How is work going? If there is anything we can help with, just say.', 'Quiet-member list']),
    row('d25-offer', 25, '12:00', LATE, 'massMessage', 'advisor',
      ['老学员专属福利', '群发进阶课或新课的老学员价', '老学员专属：[课程]老学员价[价格]，{日期+4}截止。想了解内容和适不适合你，回复“1”。', '福利海报'],
      ['Alumni-only offer', 'Mass-message the alumni price for the advanced or new course', 'Alumni only: [course] at the alumni price of [price], until {date+4}. Want to know what it covers and whether it suits you? Reply "1".', 'Offer poster']),
    row('d27-moments', 27, '21:00', LATE, 'moments', 'operator',
      ['朋友圈：校友月报', '发本月校友的入职和成长合集', '这个月校友群里：[人数]位同学拿到新offer，[人数]位完成了进阶课。谢谢你们一直都在。', '月报长图'],
      ['Moments: alumni monthly', 'Post this month\'s alumni job wins and progress', 'This month in the alumni group: [n] new job offers and [n] finished the advanced course. Thank you for staying with us.', 'Monthly report image']),
    row('d29-review', 29, '20:00', LATE, 'group', 'operator',
      ['月度复盘与下月预告', '复盘本月活跃和转化，预告下月主题', '本月校友群小结：打卡[人数]人次，分享会到场[人数]人，[人数]位同学参加了老带新。下个月的分享会主题是[主题]，敬请期待！', '月度数据表'],
      ['Monthly review and next month', 'Review this month\'s activity and conversions; announce next month\'s theme', 'This month in numbers: [n] check-ins, [n] at the alumni talk, [n] took part in bring-a-friend. Next month\'s talk is about [topic]; stay tuned!', 'Monthly data sheet']),
  ],
};
