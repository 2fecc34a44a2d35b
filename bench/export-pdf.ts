/**
 * Size and time of GET /api/v1/collaborations/:id/export?format=pdf (and the other formats) through the
 * real route, as a participating member: for the demo collaboration, and for a big record seeded through
 * the commands — 20 meetings × 5 topics with feedback from four departments, 200 action items with a
 * progress update each. PGlite in memory; rendering dominates, not the database. CPU time is printed
 * beside wall time because on a busy machine it is the steadier figure.
 * Usage: npm run bench:export-pdf -- [runs=5] [meetings=20] [topics=5] [items=200]
 */
import { buildApp } from '../src/server/app.ts';
import { openDatabase, type Db } from '../src/server/db/client.ts';
import { loadActor } from '../src/server/auth/actor.ts';
import { seedDemo } from '../src/server/demo/seed-demo.ts';
import { createMeeting } from '../src/server/commands/create-meeting.ts';
import { createTopic } from '../src/server/commands/save-topic.ts';
import { createActionItem } from '../src/server/commands/create-action-item.ts';
import { postProgressUpdate } from '../src/server/commands/post-progress-update.ts';
import { createMeetingBody, createTopicBody } from '../src/shared/schemas/meeting.ts';
import { createActionItemBody, progressUpdateBody } from '../src/shared/schemas/action-item.ts';
import { buildTemplateCast, PASSWORD } from '../test/factories.ts';

const [runsArg = '5', meetingsArg = '20', topicsArg = '5', itemsArg = '200'] = process.argv.slice(2);
const runs = Number(runsArg);
const NOW = new Date('2024-09-20T10:00:00+08:00');

const database = await openDatabase({ dataDir: 'memory://' });
await database.migrate();
const db: Db = database.db;
const app = await buildApp({ database, webRoot: false, clock: { now: () => NOW } });
await app.ready();

async function login(email: string, password: string) {
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  if (response.statusCode !== 200) throw new Error(`login ${email}: ${response.statusCode}`);
  return response.cookies.find((c) => c.name === 'liaison_session')!;
}

async function measure(label: string, collaborationId: string, cookie: { name: string; value: string }) {
  for (const format of ['pdf', 'xlsx', 'docx', 'zip'] as const) {
    const times: number[] = [];
    const cpu: number[] = [];
    let size = 0;
    for (let i = 0; i < (format === 'pdf' ? runs : Math.min(runs, 3)); i++) {
      const start = performance.now();
      const cpuStart = process.cpuUsage();
      const response = await app.inject({ method: 'GET', url: `/api/v1/collaborations/${collaborationId}/export?format=${format}`, cookies: { [cookie.name]: cookie.value } });
      times.push(performance.now() - start);
      const used = process.cpuUsage(cpuStart);
      cpu.push((used.user + used.system) / 1000);
      if (response.statusCode !== 200) throw new Error(`${format}: ${response.statusCode} ${response.body}`);
      size = response.rawPayload.length;
    }
    const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
    console.log(
      `${label} ${format.padEnd(4)}: ${(size / 1024).toFixed(1)} KB, wall first ${times[0]!.toFixed(0)} ms, median ${median(times).toFixed(0)} ms; CPU median ${median(cpu).toFixed(0)} ms (${times.length} runs)`,
    );
  }
}

// The demo collaboration (the template's example), read by 研发部's member.
const demo = await seedDemo(db, { now: NOW, password: PASSWORD });
const demoReader = Object.values(demo.users).find((u) => u.name.includes('研发'))!;
await measure('demo', demo.collaborationId, await login(demoReader.email, PASSWORD));

// A big record through the commands.
const seedStart = performance.now();
const cast = await buildTemplateCast(db);
const { people: p, departments: d } = cast;
const actor = (await loadActor(db, p.head.id, 'session'))!;
const owners = [p.engineer, p.seller, p.designer, p.support];
const meetingCount = Number(meetingsArg);
const topicCount = Number(topicsArg);
const itemCount = Number(itemsArg);
const topicIds: { meetingId: string; topicId: string }[] = [];
for (let m = 0; m < meetingCount; m++) {
  const day = String(1 + (m % 28)).padStart(2, '0');
  const meetingId = await createMeeting(
    db,
    actor,
    NOW,
    cast.collaboration.id,
    createMeetingBody.parse({
      title: `第${m + 1}次协调会：发布会筹备进度`,
      plannedStart: `2024-0${7 + Math.floor(m / 28)}-${day}T14:00:00+08:00`,
      plannedEnd: `2024-0${7 + Math.floor(m / 28)}-${day}T16:00:00+08:00`,
      mode: m % 2 ? 'online' : 'offline',
      location: m % 2 ? 'https://meeting.example.test/room' : '3楼会议室',
      hostId: p.head.id,
      recorderId: p.recorder.id,
      attendeeIds: owners.map((o) => o.id),
      agenda: ['上次行动项回顾', '发布会流程与时间', '预算与物料', '跨部门分工'],
    }),
  );
  for (let t = 0; t < topicCount; t++) {
    const topicId = await createTopic(
      db,
      actor,
      NOW,
      meetingId,
      createTopicBody.parse({
        title: `议题${t + 1}：发布会${['嘉宾邀请', '场地布置', '主视觉设计', '渠道预热', '客服预案'][t % 5]}`,
        discussion: '研发部建议邀请行业KOL，销售部建议优先合作渠户；设计部提出主视觉需在7月15日前定稿，客服部需要提前一周拿到产品FAQ。'.repeat(2),
        feedback: [d.rnd, d.sales, d.design, d.service].map((dept, i) => ({ departmentId: dept.id, userId: owners[i]!.id, stance: 'agree', text: '同意，按计划推进，需求传递需更清晰。' })),
        disagreements: '邀请名单优先级存在分歧',
        consensus: '邀请2位KOL+3家核心渠户，7月13日前确认名单',
        problemTags: ['需求传递'],
      }),
    );
    topicIds.push({ meetingId, topicId });
  }
}
for (let i = 0; i < itemCount; i++) {
  const source = topicIds[i % topicIds.length]!;
  const owner = owners[i % owners.length]!;
  const record = await createActionItem(
    db,
    actor,
    cast.collaboration.id,
    createActionItemBody.parse({
      description: `行动项${i + 1}：完成发布会相关交付（主视觉、邀请名单、物料清单）`,
      ownerId: owner.id,
      dueDate: `2024-08-${String(1 + (i % 28)).padStart(2, '0')}`,
      deliverable: '交付物清单与确认邮件',
      meetingId: source.meetingId,
      sourceTopicId: source.topicId,
    }),
    NOW,
  );
  const ownerActor = (await loadActor(db, owner.id, 'session'))!;
  await postProgressUpdate(db, ownerActor, record.item.id, progressUpdateBody.parse({ progress: 50, statusText: '进行中-完成50%', remedy: '按计划推进' }), NOW);
}
console.log(`big record seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s: ${meetingCount} meetings × ${topicCount} topics, ${itemCount} items with an update each`);
await measure('big ', cast.collaboration.id, await login(p.engineer.email, PASSWORD));

await app.close();
await database.close();
