/**
 * A loaded record for the renderers' unit tests: the template's example (2024年Q3新品发布会筹备) with a
 * restricted topic and item as a reader not named on them receives them, and texts that look like formulas.
 */
import type { CollaborationExport } from './collaboration-export.ts';

const at = (iso: string) => new Date(iso);
const p = (id: string, name: string) => ({ id, name });
const head = p('u-head', '市场部李经理');
const recorder = p('u-rec', '市场部王助理');
const engineer = p('u-eng', '研发部张工');
const designer = p('u-des', '设计部陈设计师');
const seller = p('u-sel', '销售部刘经理');
const d = (id: string, name: string) => ({ id, name });
const market = d('d-mkt', '市场部');
const rnd = d('d-rnd', '研发部');
const sales = d('d-sal', '销售部');
const design = d('d-des', '设计部');
const service = d('d-svc', '客服部');

/** Text a spreadsheet would run as a formula if written naively. */
export const FORMULA_TEXT = '=HYPERLINK("http://evil.example/","点我领取")';

export function sampleExport(overrides: Partial<CollaborationExport> = {}): CollaborationExport {
  return {
    locale: 'zh-CN',
    timeZone: 'Asia/Shanghai',
    exportedAt: at('2024-07-20T09:30:00+08:00'),
    exportedBy: head,
    restrictedText: '受限内容',
    meetingId: null,
    collaboration: {
      id: 'c-1',
      topic: '2024年Q3新品发布会筹备',
      goal: '覆盖10万+目标用户，转化率5%',
      targets: [
        { metric: '覆盖用户', target: '10万+' },
        { metric: '转化率', target: '5%' },
      ],
      scenario: 'major_project',
      status: 'active',
      archivedAt: null,
      visibility: 'participants',
      health: 'on_track',
      progressSummary: '按计划推进，无重大风险',
      period: { year: 2024, quarter: 3 },
      initiatingDepartment: market,
      participatingDepartments: [rnd, sales, design, service],
      owner: head,
      creator: head,
      createdAt: at('2024-07-01T09:00:00+08:00'),
    },
    meetings: [
      {
        id: 'm-1',
        number: 1,
        kind: 'regular',
        title: '新品发布会启动会',
        plannedStart: at('2024-07-10T14:00:00+08:00'),
        plannedEnd: at('2024-07-10T16:00:00+08:00'),
        mode: 'offline',
        location: '3楼会议室',
        host: head,
        recorder,
        attendees: [engineer, seller, designer],
        agenda: ['新品发布会时间与流程', '发布会预算分配', '跨部门分工与协作接口'],
        agendaSentAt: at('2024-07-08T10:00:00+08:00'),
        heldAt: at('2024-07-10T14:00:00+08:00'),
        minutesStatus: 'published',
        publishedAt: at('2024-07-10T18:00:00+08:00'),
        publishedLate: false,
        noActions: false,
        cancelledAt: null,
        topics: [
          {
            id: 't-1',
            number: 1,
            sensitive: false,
            restricted: false,
            title: '新品发布会嘉宾邀请',
            discussion: '研发部建议邀请行业KOL，销售部建议优先合作渠户',
            feedback: [
              { department: rnd, person: engineer, stance: 'agree', text: '建议邀请行业KOL', noFeedback: false },
              { department: sales, person: seller, stance: 'conditional', text: FORMULA_TEXT, noFeedback: false },
              { department: design, person: null, stance: null, text: '', noFeedback: true },
              { department: service, person: null, stance: null, text: '-需要确认客服排班', noFeedback: false },
            ],
            disagreements: 'KOL还是渠户优先',
            consensus: '邀请2位KOL+3家核心渠户',
            problemTags: ['需求传递'],
            visibleTo: [],
          },
          {
            id: 't-2',
            number: 2,
            sensitive: true,
            restricted: true,
            title: '受限内容',
            discussion: '受限内容',
            feedback: [],
            disagreements: '受限内容',
            consensus: '受限内容',
            problemTags: [],
            visibleTo: [head, seller],
          },
        ],
      },
    ],
    actionItems: [
      {
        id: 'a-1',
        number: 1,
        sensitive: false,
        restricted: false,
        description: '设计部完成发布会主视觉初稿',
        owner: designer,
        ownerDepartment: design,
        dueDate: '2024-07-17',
        originalDueDate: '2024-07-15',
        deliverable: '3版主视觉设计稿',
        status: 'in_progress',
        progress: 80,
        statusText: '设计中-完成80%',
        meetingNumber: 1,
        topicNumber: 1,
        acceptedBy: null,
        acceptedAt: null,
        daysOverdue: 3,
        visibleTo: [],
        updates: [
          {
            id: 'pu-1',
            at: at('2024-07-14T17:00:00+08:00'),
            author: designer,
            progress: 80,
            status: 'in_progress',
            statusText: '设计中-完成80%',
            delayCode: 'requirement_change',
            delayLabel: '需求变更',
            delayReason: '初稿延期2天，因客户需求调整',
            remedy: '已协调*设计师加班完成',
            previousDueDate: '2024-07-15',
            newDueDate: '2024-07-17',
          },
        ],
      },
      {
        id: 'a-2',
        number: 2,
        sensitive: true,
        restricted: true,
        description: '受限内容',
        owner: seller,
        ownerDepartment: sales,
        dueDate: '2024-07-13',
        originalDueDate: '2024-07-13',
        deliverable: '受限内容',
        status: 'todo',
        progress: 0,
        statusText: '受限内容',
        meetingNumber: 1,
        topicNumber: 2,
        acceptedBy: null,
        acceptedAt: null,
        daysOverdue: 7,
        visibleTo: [head, seller],
        updates: [],
      },
    ],
    remarks: [
      { id: 'r-1', kind: 'remark', text: '客户名单需销售部确认优先级，7月13日前同步市场部', author: head, at: at('2024-07-10T17:40:00+08:00') },
      { id: 'r-2', kind: 'risk', text: '@场地预算可能超支', author: head, at: at('2024-07-12T09:00:00+08:00') },
    ],
    attachments: [
      {
        id: 'f-1',
        sha256: 'ab'.repeat(32),
        fileName: '主视觉初稿.png',
        mime: 'image/png',
        size: 245_760,
        uploadedBy: designer,
        uploadedAt: at('2024-07-14T17:05:00+08:00'),
        owner: { kind: 'progress_update', number: 1 },
        archivePath: '交付成果/行动项01-主视觉初稿.png',
      },
    ],
    ...overrides,
  };
}
