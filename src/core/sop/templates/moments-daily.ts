/**
 * 朋友圈节奏: three Moments posts a day at the hours people scroll (commute, lunch break, before bed),
 * rotating the four content pillars so that every pillar comes back within two days. The phase column
 * holds the pillar, which gives the summary a done rate per pillar.
 */
import { row, type BuiltInTemplate } from './define';

const OUTLOOK = 0;
const TRUST = 1;
const ASPIRATION = 2;
const TIPS = 3;

const MORNING = '08:00';
const LUNCH = '12:30';
const EVENING = '21:00';

export const momentsDaily: BuiltInTemplate = {
  id: 'moments-daily',
  code: 'M',
  anchorKind: 'eventDay',
  name: { zh: '朋友圈节奏', en: 'Moments rhythm' },
  phases: { zh: ['行业前景', '信任增强', '欲望调动', '干货分享'], en: ['Industry outlook', 'Trust building', 'Aspiration', 'Practical tips'] },
  rows: [
    row('d0-morning', 0, MORNING, OUTLOOK, 'moments', 'operator',
      ['行业报告解读', '挑一份新出的行业报告，用一个数据说一个观点', '早上看到一份新报告：[行业]岗位需求[变化]。说明什么？门槛在变高，但准备好的人机会反而更多。', '报告截图'],
      ['Industry report takeaway', 'Pick a fresh industry report and make one point with one number', 'Read a new report this morning: demand for [field] roles [change]. What it means: the bar is rising, and people who prepare have even more chances.', 'Report screenshot']),
    row('d0-lunch', 0, LUNCH, TRUST, 'moments', 'operator',
      ['学员好评', '晒一条学员的真实好评（打码）', '午休刷到学员的留言，开心一整天☀️ “跟着练了一个月，第一次觉得自己能学会。”', '好评截图'],
      ['Student praise', 'Share one real (anonymised) message from a student', 'Saw this from a student over lunch and it made my day ☀️ "A month of practice with you, and for the first time I feel I can actually learn this."', 'Praise screenshot']),
    row('d0-evening', 0, EVENING, ASPIRATION, 'moments', 'operator',
      ['内推岗位', '发一条合作企业的内推岗位，留私聊入口', '合作企业内推：[岗位]，[城市]，薪资[范围]。我们往期学员在这家已经有好几位了，想试试的私聊我。', '岗位截图'],
      ['Referral opening', 'Post a partner company\'s referral opening and invite private messages', 'Referral from a partner company: [role], [city], pay [range]. Several of our past students already work there. Want to try? Message me.', 'Job screenshot']),
    row('d1-morning', 1, MORNING, TIPS, 'moments', 'lecturer',
      ['学习路线图', '发一张入门学习路线图，说明怎么用', '很多人问从哪开始，画了张路线图，照着顺序走能少走很多弯路。需要高清版的评论“路线”。', '路线图'],
      ['Study path', 'Share a beginner study-path chart and how to use it', 'So many people ask where to start, so I drew a path. Follow it in order and you skip a lot of detours. Comment "path" for the full-size version.', 'Study-path chart']),
    row('d1-lunch', 1, LUNCH, OUTLOOK, 'moments', 'operator',
      ['岗位需求变化', '用招聘平台的截图说明热门岗位在变', '打开招聘软件搜了一下[岗位]，光[城市]就有[数量]个在招，要求里出现最多的技能是[技能]。', '招聘截图'],
      ['Shifting job demand', 'Use a job-board screenshot to show which roles are in demand', 'Searched [role] on a job board: [number] openings in [city] alone, and the skill most listed is [skill].', 'Job-board screenshot']),
    row('d1-evening', 1, EVENING, TRUST, 'moments', 'operator',
      ['就业战报', '发一位学员的入职喜报', '又一位学员入职啦🎉 [昵称]，[年龄]岁，[原岗位]转[新岗位]，从开始学到拿offer用了[时长]。', '喜报海报'],
      ['Job news', 'Announce one student\'s new job', 'Another student hired 🎉 [name], [age], from [old role] to [new role]; [time] from first lesson to offer.', 'Congratulations poster']),
    row('d2-morning', 2, MORNING, ASPIRATION, 'moments', 'operator',
      ['学员转行前后', '对比一位学员转行前后的工作和状态', '两年前他还在[原工作]，每天加班到十点；现在做[新工作]，周末能陪家人了。改变往往从决定学点东西开始。', '前后对比图'],
      ['Before and after', 'Compare a student\'s work and life before and after switching', 'Two years ago he was in [old job], working until ten every night; now he does [new job] and has his weekends back. Change often starts with deciding to learn something.', 'Before/after image']),
    row('d2-lunch', 2, LUNCH, TIPS, 'moments', 'lecturer',
      ['一道面试题', '发一道常见面试题，答案放评论区', '今天的面试题：[题目]。先别看答案，自己想30秒，答案我放评论区了。', '题目配图'],
      ['An interview question', 'Post a common interview question with the answer in the comments', 'Interview question of the day: [question]. Think for 30 seconds before peeking; the answer is in the comments.', 'Question image']),
    row('d2-evening', 2, EVENING, OUTLOOK, 'moments', 'operator',
      ['城市薪资对比', '用一张表对比几个城市的岗位薪资', '整理了[岗位]在几个城市的薪资区间：[城市A][范围]、[城市B][范围]。你所在的城市是多少？', '薪资对比表'],
      ['Pay by city', 'Compare pay for a role across cities in one table', 'Pay ranges for [role] in a few cities: [city A] [range], [city B] [range]. What is it like where you live?', 'Pay table']),
    row('d3-morning', 3, MORNING, TRUST, 'moments', 'operator',
      ['课堂花絮', '发直播或答疑的课堂截图，体现认真的学习氛围', '昨晚答疑到11点，问题一个比一个具体，能感觉到大家是真的在动手做。', '课堂截图'],
      ['Behind the scenes', 'Post screenshots from a live class or Q&A to show a serious learning atmosphere', 'Last night\'s Q&A went on until 11, each question more concrete than the last. You can tell people are really doing the work.', 'Class screenshots']),
    row('d3-lunch', 3, LUNCH, ASPIRATION, 'moments', 'operator',
      ['高薪学员经验', '摘一段高薪学员的经验分享', '[昵称]现在月薪[金额]，问他最重要的一条经验，他说：“每天固定一小时，比周末突击十小时有用得多。”', '学员照片（已授权）'],
      ['A well-paid student\'s advice', 'Quote one tip from a student who now earns well', '[name] now earns [amount] a month. Asked for his one key lesson, he said: "A fixed hour every day beats ten hours crammed into a weekend."', 'Student photo (with consent)']),
    row('d3-evening', 3, EVENING, TIPS, 'moments', 'lecturer',
      ['效率工具推荐', '推荐一个学习或工作中用得上的工具', '推荐一个我每天都在用的工具：[工具]，[一句话说明用途]。用法很简单，评论区放了教程。', '工具截图'],
      ['Tool tip', 'Recommend one tool that helps with study or work', 'A tool I use every day: [tool], [what it does in one line]. It is easy to pick up; tutorial in the comments.', 'Tool screenshot']),
    row('d4-morning', 4, MORNING, OUTLOOK, 'moments', 'operator',
      ['新技术趋势', '说一个行业新趋势以及它对求职者意味着什么', '最近[新技术]很火，很多人担心被替代。我的看法：会用它的人会更值钱，关键是早点上手。', '新闻截图'],
      ['New tech trend', 'Name one new trend and what it means for job seekers', '[technology] is everywhere lately, and many worry about being replaced. My take: people who can use it become more valuable; the key is to start early.', 'News screenshot']),
    row('d4-lunch', 4, LUNCH, TRUST, 'moments', 'operator',
      ['讲师介绍', '介绍讲师的经历和教学风格', '介绍一下我们的讲师{讲师}：[从业年限]年一线经验，做过[项目]。上课最大的特点是[特点]，学员都说听得懂。', '讲师照片'],
      ['Meet the lecturer', 'Introduce the lecturer\'s background and teaching style', 'Meet our lecturer {lecturer}: [years] years in the field, worked on [projects]. What students love most: [style]; they say it just makes sense.', 'Lecturer photo']),
    row('d4-evening', 4, EVENING, ASPIRATION, 'moments', 'operator',
      ['offer截图', '晒一张学员的offer截图（打码）', '深夜收到学员发来的offer截图，比自己拿offer还开心😄 恭喜！', 'offer截图'],
      ['Offer screenshot', 'Share a student\'s (anonymised) offer letter', 'A student just sent me their offer letter, late at night. Happier than if it were mine 😄 Congratulations!', 'Offer screenshot']),
    row('d5-morning', 5, MORNING, TIPS, 'moments', 'lecturer',
      ['短视频干货', '发一条1分钟的知识点短视频', '1分钟讲清楚[知识点]，通勤路上就能看完。', '短视频'],
      ['Short-video tip', 'Post a one-minute video on one topic', '[topic] explained in one minute, short enough for your commute.', 'Short video']),
    row('d5-lunch', 5, LUNCH, OUTLOOK, 'moments', 'operator',
      ['政策与新闻点评', '点评一条和行业相关的政策或新闻', '今天的新闻：[新闻]。对想入行的人来说，这意味着[影响]。', '新闻截图'],
      ['News and policy take', 'Comment on one policy or news item about the field', 'In the news today: [news]. For anyone wanting to get into the field, it means [impact].', 'News screenshot']),
    row('d5-evening', 5, EVENING, TRUST, 'moments', 'operator',
      ['学员作品展示', '晒几份学员完成的作品', '这周学员交上来的作品，挑了三份给大家看看，都是零基础学了[时长]做出来的。', '作品截图'],
      ['Student work', 'Show a few finished student projects', 'Three projects students handed in this week, all made after [time] of learning from zero.', 'Project screenshots']),
    row('d6-morning', 6, MORNING, ASPIRATION, 'moments', 'operator',
      ['周末成长故事', '讲一位学员利用周末学习改变现状的故事', '周末早上7点，[昵称]已经在学了。半年前她说想换个方向，现在已经在面试了。', '学员照片（已授权）'],
      ['Weekend growth story', 'Tell how one student used weekends to change course', '7 am on a Saturday and [name] is already studying. Six months ago she said she wanted a change; now she is going to interviews.', 'Student photo (with consent)']),
    row('d6-lunch', 6, LUNCH, TIPS, 'moments', 'lecturer',
      ['答疑精选', '摘本周答疑里最有价值的一问一答', '本周被问得最多的问题：“[问题]” 我的回答：[回答]。还有疑问的评论区见。', '答疑截图'],
      ['Best Q&A of the week', 'Quote the most useful question and answer from this week', 'The question I got most this week: "[question]" My answer: [answer]. More questions? See you in the comments.', 'Q&A screenshot']),
    row('d6-evening', 6, EVENING, OUTLOOK, 'moments', 'operator',
      ['一周行业要闻', '盘点本周三条行业要闻', '本周行业三件事：1. [要闻1] 2. [要闻2] 3. [要闻3]。你最关心哪一条？', '要闻汇总图'],
      ['Week in the industry', 'Round up three pieces of industry news from the week', 'Three things that happened in the field this week: 1. [news 1] 2. [news 2] 3. [news 3]. Which matters most to you?', 'News round-up image']),
  ],
};
